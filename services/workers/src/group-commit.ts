interface Waiting<T, R> {
  item: T;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: items submitted while writes are under way are written together by the next one,
 * so a batch is as large as the load makes it (up to `max`) and a quiet moment costs no waiting.
 * Up to `parallel` writes run at once (one per database connection meant for them). Each
 * submitter learns its own item's result. A batch that fails is written again item by item, so
 * one item that can never be stored fails alone instead of taking its batch-mates with it.
 */
export class GroupCommit<T, R> {
  #waiting: Waiting<T, R>[] = [];
  #writing = 0;
  #starting = false;

  constructor(
    private readonly write: (items: T[]) => Promise<R[]>,
    private readonly options: { max: number; parallel: number },
  ) {}

  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.#waiting.push({ item, resolve, reject });
      this.#startWriter();
    });
  }

  #startWriter(): void {
    if (this.#starting || this.#writing >= this.options.parallel || this.#waiting.length === 0) return;
    this.#starting = true;
    // Let the items of the same moment join the batch.
    setImmediate(() => {
      this.#starting = false;
      this.#writing++;
      void this.#drain().finally(() => {
        this.#writing--;
        this.#startWriter();
      });
      this.#startWriter();
    });
  }

  async #drain(): Promise<void> {
    while (this.#waiting.length > 0) {
      const batch = this.#waiting.splice(0, this.options.max);
      try {
        const results = await this.write(batch.map((entry) => entry.item));
        batch.forEach((entry, i) => entry.resolve(results[i] as R));
      } catch (error) {
        if (batch.length === 1) batch[0]?.reject(error);
        else await Promise.all(batch.map((entry) => this.write([entry.item]).then(([result]) => entry.resolve(result as R), entry.reject)));
      }
    }
  }
}
