/** How many attempts each key may fail within the window before it must wait. */
export interface ThrottleLimits {
  /** One username from one address: a person mistyping, or a guesser at one account. */
  perPair: number;
  /** Any usernames from one address: one password sprayed over many accounts. */
  perAddress: number;
  /** One username from any address: guessing spread over many addresses. */
  perAccount: number;
}

const SWEEP_EVERY = 1000;

// An address may be a whole office behind one NAT, so it gets room for many people's typos.
export const DEFAULT_LIMITS: ThrottleLimits = { perPair: 5, perAddress: 50, perAccount: 50 };

/**
 * Slows password guessing. An attempt is counted when it starts, before the slow password check,
 * so parallel tries cannot slip past the limit while the first ones are still hashing; a success
 * takes its own attempt back and clears the pair's failures. Three keys are limited at once: the
 * pair (username, address), the address, and the account.
 */
export class LoginThrottle {
  readonly #attempts = new Map<string, number[]>();
  #begun = 0;

  constructor(
    private readonly limits: ThrottleLimits = DEFAULT_LIMITS,
    private readonly windowMs = 15 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Counts an attempt and returns 0, or returns the seconds until one is allowed (and counts
   * nothing) when any of its keys is at its limit.
   */
  begin(username: string, address: string): number {
    const keys = this.#keys(username, address);
    const wait = Math.max(0, ...keys.map(([key, limit]) => this.#retryAfterSecs(key, limit)));
    if (wait > 0) return wait;
    const at = this.now();
    if (++this.#begun % SWEEP_EVERY === 0) this.#sweep();
    for (const [key] of keys) this.#attempts.set(key, [...this.#recent(key), at]);
    return 0;
  }

  /** How many keys are held (for memory checks). */
  get trackedKeys(): number {
    return this.#attempts.size;
  }

  /** The attempt begun for this pair succeeded: it and the pair's earlier failures no longer count. */
  succeeded(username: string, address: string): void {
    const [pair, ...others] = this.#keys(username, address);
    if (pair) this.#attempts.delete(pair[0]);
    for (const [key] of others) this.#attempts.set(key, this.#recent(key).slice(0, -1));
  }

  #keys(username: string, address: string): [string, number][] {
    return [
      [`pair\u0000${username}\u0000${address}`, this.limits.perPair],
      [`address\u0000${address}`, this.limits.perAddress],
      [`account\u0000${username}`, this.limits.perAccount],
    ];
  }

  #retryAfterSecs(key: string, limit: number): number {
    const recent = this.#recent(key);
    if (recent.length < limit) return 0;
    const oldestThatCounts = recent[recent.length - limit] ?? 0;
    return Math.max(1, Math.ceil((oldestThatCounts + this.windowMs - this.now()) / 1000));
  }

  /** Usernames sprayed from many addresses would otherwise leave keys behind that nobody reads again. */
  #sweep(): void {
    for (const key of [...this.#attempts.keys()]) this.#recent(key);
  }

  #recent(key: string): number[] {
    const since = this.now() - this.windowMs;
    const recent = (this.#attempts.get(key) ?? []).filter((at) => at > since);
    if (recent.length === 0) this.#attempts.delete(key);
    return recent;
  }
}
