/**
 * How long requests take to be answered now: the median of the latest answers (at most `samples`
 * of them, none older than `memoryMs`). A median, so that one slow request (a long list, a socket
 * that had to be reopened) never reads as a slow Asterisk, while most requests answered slowly do;
 * and a short memory, so that a link gone quiet after a slow spell does not read as slow for ever.
 * A new link starts afresh: a request asked on the last one (which may only time out now) says
 * nothing of how quickly Asterisk answers today.
 */
export class RequestLatency {
  /** Answers as [answered at, took ms], oldest first. */
  #answers: [number, number][] = [];
  /** When the current link came up: requests asked before it are not counted. */
  #linkSince = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly now: () => number = () => performance.now(),
    private readonly samples = 32,
    private readonly memoryMs = 2000,
  ) {}

  /** Times the request; its outcome, answer or failure, passes through untouched. */
  async time<T>(request: Promise<T>): Promise<T> {
    const started = this.now();
    try {
      return await request;
    } finally {
      const now = this.now();
      if (started >= this.#linkSince) {
        this.#answers.push([now, now - started]);
        if (this.#answers.length > this.samples) this.#answers.shift();
      }
    }
  }

  /** A new link to Asterisk: what was read of the last one is forgotten. */
  newLink(): void {
    this.#answers = [];
    this.#linkSince = this.now();
  }

  get ms(): number {
    const since = this.now() - this.memoryMs;
    const recent = this.#answers.filter(([at]) => at >= since).map(([, took]) => took);
    if (recent.length === 0) return 0;
    recent.sort((a, b) => a - b);
    const middle = recent.length >> 1;
    return recent.length % 2 ? recent[middle]! : (recent[middle - 1]! + recent[middle]!) / 2;
  }
}
