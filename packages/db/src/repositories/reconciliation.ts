import type { AsteriskCdr } from '@hotline/contracts';
import type { Pool } from '../pool.js';

export interface ReconciliationReport {
  from: number;
  to: number;
  /** Inbound calls to queue numbers that Asterisk's CDRs show. */
  asteriskCalls: number;
  /** Of those, how many have a call record of ours. */
  recorded: number;
  missing: { uniqueid: string; source: string; destination: string; startedAt: number | null; disposition: string }[];
}

/** Asterisk's own CDRs against our call records: every call Asterisk saw must have a row. */
export function createReconciliationRepository(pool: Pool) {
  return {
    async keepCdr(cdr: AsteriskCdr): Promise<boolean> {
      const toDate = (ms: number | null) => (ms === null ? null : new Date(ms));
      const { rowCount } = await pool.query(
        `INSERT INTO asterisk_cdrs (uniqueid, source, destination, context, started_at, answered_at, ended_at, disposition)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (uniqueid) DO NOTHING`,
        [cdr.uniqueid, cdr.source, cdr.destination, cdr.context, toDate(cdr.startedAt), toDate(cdr.answeredAt), toDate(cdr.endedAt), cdr.disposition],
      );
      return rowCount === 1;
    },
    async report(from: number, to: number): Promise<ReconciliationReport> {
      const { rows } = await pool.query<{ uniqueid: string; source: string; destination: string; startedAt: number | null; disposition: string; recorded: boolean }>(
        `SELECT a.uniqueid, a.source, a.destination, (EXTRACT(EPOCH FROM a.started_at) * 1000)::float8 AS "startedAt", a.disposition,
                EXISTS (SELECT 1 FROM calls c WHERE c.channel_id = a.uniqueid) AS recorded
         FROM asterisk_cdrs a
         WHERE a.started_at >= $1 AND a.started_at < $2
           -- Numbers that are not queues are refused before any call exists: nothing to reconcile.
           AND EXISTS (SELECT 1 FROM queues q WHERE q.number = a.destination)
         ORDER BY a.started_at`,
        [new Date(from), new Date(to)],
      );
      const missing = rows.filter((r) => !r.recorded).map(({ recorded: _recorded, ...rest }) => rest);
      return { from, to, asteriskCalls: rows.length, recorded: rows.length - missing.length, missing };
    },
  };
}
export type ReconciliationRepository = ReturnType<typeof createReconciliationRepository>;
