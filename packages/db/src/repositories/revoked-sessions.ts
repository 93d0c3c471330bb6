import type { Pool } from '../pool.js';

/** Session tokens ended before they expire; read once at start, written on each logout. */
export function createRevokedSessionRepository(pool: Pool) {
  return {
    async revoke(sessionId: string, expiresAt: number): Promise<void> {
      await pool.query('INSERT INTO revoked_sessions (session_id, expires_at) VALUES ($1, to_timestamp($2 / 1000.0)) ON CONFLICT DO NOTHING', [sessionId, expiresAt]);
    },
    /** The revocations that still matter (their session has not expired), pruning the rest. */
    async active(): Promise<Map<string, number>> {
      await pool.query('DELETE FROM revoked_sessions WHERE expires_at <= now()');
      const { rows } = await pool.query<{ id: string; exp: string }>(`SELECT session_id AS id, (extract(epoch FROM expires_at) * 1000)::bigint AS exp FROM revoked_sessions`);
      return new Map(rows.map((r) => [r.id, Number(r.exp)]));
    },
  };
}
export type RevokedSessionRepository = ReturnType<typeof createRevokedSessionRepository>;
