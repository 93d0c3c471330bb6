/**
 * How long requests take to be answered now: a moving average of those answered, or the age of
 * the oldest still waiting when that is longer (an Asterisk that has stalled answers nothing, so
 * the average alone would never rise). The average fades while no answer comes, so a link gone
 * quiet after a slow spell does not read as slow for ever.
 */
export class RequestLatency {
  #average = 0;
  #averagedAt = 0;
  readonly #waiting = new Map<number, number>();
  #next = 0;

  constructor(
    private readonly now: () => number = () => performance.now(),
    /** The weight of the newest answer: ~20 answers make up most of the average. */
    private readonly weight = 0.1,
    private readonly halfLifeMs = 1000,
  ) {}

  /** Times the request; its outcome, answer or failure, passes through untouched. */
  async time<T>(request: Promise<T>): Promise<T> {
    const id = this.#next++;
    const started = this.now();
    this.#waiting.set(id, started);
    try {
      return await request;
    } finally {
      this.#waiting.delete(id);
      const now = this.now();
      const faded = this.#faded(now);
      this.#average = faded + this.weight * (now - started - faded);
      this.#averagedAt = now;
    }
  }

  get ms(): number {
    const now = this.now();
    // Insertion order: the first request still waiting is the oldest.
    const oldest = this.#waiting.values().next();
    return Math.max(this.#faded(now), oldest.done ? 0 : now - oldest.value);
  }

  #faded(now: number): number {
    return this.#average * 0.5 ** ((now - this.#averagedAt) / this.halfLifeMs);
  }
}
