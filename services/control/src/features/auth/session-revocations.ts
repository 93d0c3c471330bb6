import type { RevokedSessionRepository } from '@hotline/db';

/**
 * The sessions ended before their expiry, held in memory so checking a token costs no query;
 * stored so that a restarted service refuses them too. Entries leave once the session expires.
 */
export class SessionRevocations {
  #revoked = new Map<string, number>();

  constructor(
    private readonly store: RevokedSessionRepository,
    private readonly now: () => number = Date.now,
  ) {}

  async load(): Promise<void> {
    const stored = await this.store.active();
    for (const [id, expiresAt] of this.#revoked) stored.set(id, expiresAt);
    this.#revoked = stored;
  }

  /** Stored first: a logout answered as done must survive a restart. */
  async revoke(sessionId: string, expiresAt: number): Promise<void> {
    await this.store.revoke(sessionId, expiresAt);
    this.#revoked.set(sessionId, expiresAt);
  }

  isRevoked(sessionId: string): boolean {
    const expiresAt = this.#revoked.get(sessionId);
    if (expiresAt === undefined) return false;
    if (expiresAt <= this.now()) this.#revoked.delete(sessionId);
    return true;
  }
}
