/**
 * How far behind the service runs its timers and I/O, lastingly: a tick every `tickMs` notes how
 * late it came, and the lag read is the smaller of the worst lags of the last two complete windows.
 * One long pause (a garbage collection, a large synchronous task) fills one window and reads as
 * nothing; a loop late in every window for a second or more is behind, and answers a new caller
 * that much later at every step.
 */
export class EventLoopLag {
  #timer: NodeJS.Timeout | undefined;
  #due = 0;
  #windowStart = 0;
  #current = 0;
  /** The worst lag of the last two complete windows, newest last. */
  #complete: [number, number] = [0, 0];

  constructor(
    private readonly now: () => number = () => performance.now(),
    private readonly tickMs = 20,
    private readonly windowMs = 500,
  ) {}

  start(): void {
    this.#due = this.now() + this.tickMs;
    this.#windowStart = this.now();
    this.#timer = setInterval(() => this.tick(), this.tickMs);
    this.#timer.unref();
  }

  stop(): void {
    clearInterval(this.#timer);
  }

  /** One tick of the loop (the timer's, or a test's). */
  tick(): void {
    const now = this.now();
    if (now - this.#windowStart >= this.windowMs) {
      this.#complete = [this.#complete[1], this.#current];
      this.#current = 0;
      this.#windowStart = now;
    }
    this.#current = Math.max(this.#current, now - this.#due);
    this.#due = now + this.tickMs;
  }

  get ms(): number {
    return Math.min(...this.#complete);
  }
}
