import type { Pool } from '../pool.js';

export interface AuditEntry {
  actor: string;
  action: string;
  subject: string | null;
  data?: Record<string, unknown>;
}

/** Who listened to, downloaded, whispered to or barged into what, and when. Append-only. */
export function createAuditRepository(pool: Pool) {
  return {
    async record(entry: AuditEntry): Promise<void> {
      await pool.query('INSERT INTO audit_log (actor, action, subject, data) VALUES ($1, $2, $3, $4)', [
        entry.actor, entry.action, entry.subject, JSON.stringify(entry.data ?? {}),
      ]);
    },
    async list(filter: { subject?: string; actor?: string; limit: number }) {
      const { rows } = await pool.query<AuditEntry & { at: Date }>(
        `SELECT at, actor, action, subject, data FROM audit_log
         WHERE ($1::text IS NULL OR subject = $1) AND ($2::text IS NULL OR actor = $2) ORDER BY id DESC LIMIT $3`,
        [filter.subject ?? null, filter.actor ?? null, filter.limit],
      );
      return rows;
    },
  };
}
export type AuditRepository = ReturnType<typeof createAuditRepository>;
