import type { CallEvent } from '@hotline/contracts';
import type { Pool } from '@hotline/db';

const TABLE = 'bench_cdr_naive_events';

/**
 * The baseline: one plain INSERT per event into a scratch table. No unique key, no lock, no call
 * row: a retried or duplicated event is simply stored twice.
 */
export function createNaiveCdrWriter(pool: Pool) {
  return {
    async create(): Promise<void> {
      await pool.query(`DROP TABLE IF EXISTS ${TABLE}`);
      await pool.query(`CREATE TABLE ${TABLE} (id bigserial PRIMARY KEY, event_id text NOT NULL, call_id uuid NOT NULL, type text NOT NULL, at timestamptz NOT NULL, data jsonb NOT NULL)`);
    },
    async write(event: CallEvent): Promise<void> {
      await pool.query(`INSERT INTO ${TABLE} (event_id, call_id, type, at, data) VALUES ($1, $2, $3, $4, $5)`, [
        event.id, event.callId, event.type, new Date(event.at), JSON.stringify(event),
      ]);
    },
    async count(): Promise<number> {
      return Number((await pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${TABLE}`)).rows[0]?.n);
    },
    async drop(): Promise<void> {
      await pool.query(`DROP TABLE IF EXISTS ${TABLE}`);
    },
  };
}
export type NaiveCdrWriter = ReturnType<typeof createNaiveCdrWriter>;
