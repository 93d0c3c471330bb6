/**
 * Slows password guessing: after `maxFailures` failed logins for one username from one address
 * within `windowMs`, further attempts are refused until the window has passed. A success clears it.
 */
export class LoginThrottle {
  readonly #failures = new Map<string, number[]>();

  constructor(
    private readonly maxFailures = 5,
    private readonly windowMs = 15 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds until another attempt is allowed, or 0 when it is allowed now. */
  retryAfterSecs(username: string, address: string): number {
    const recent = this.#recent(`${username}\u0000${address}`);
    if (recent.length < this.maxFailures) return 0;
    return Math.ceil(((recent[0] ?? 0) + this.windowMs - this.now()) / 1000);
  }

  failed(username: string, address: string): void {
    const key = `${username}\u0000${address}`;
    this.#failures.set(key, [...this.#recent(key), this.now()]);
  }

  succeeded(username: string, address: string): void {
    this.#failures.delete(`${username}\u0000${address}`);
  }

  #recent(key: string): number[] {
    const since = this.now() - this.windowMs;
    const recent = (this.#failures.get(key) ?? []).filter((at) => at > since);
    if (recent.length === 0) this.#failures.delete(key);
    return recent;
  }
}
