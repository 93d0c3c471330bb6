import type { Pool } from '../pool.js';

export interface StateIntervalRow {
  agentId: string;
  state: string;
  reason?: string;
  from: number;
  to: number;
}

/** Closed agent state intervals: the raw material of occupancy and AHT. */
export function createAgentStateRepository(pool: Pool) {
  return {
    /** Many intervals in one statement; one already stored (same agent and start) is left as it is. */
    async recordMany(intervals: readonly StateIntervalRow[]): Promise<void> {
      if (intervals.length === 0) return;
      await pool.query(
        `INSERT INTO agent_state_intervals (agent_id, state, reason, started_at, ended_at)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::timestamptz[])
         ON CONFLICT (agent_id, started_at) DO NOTHING`,
        [
          intervals.map((i) => i.agentId),
          intervals.map((i) => i.state),
          intervals.map((i) => i.reason ?? null),
          intervals.map((i) => new Date(i.from)),
          intervals.map((i) => new Date(i.to)),
        ],
      );
    },
    /** Every agent's stored interval covering the moment `at` (what each was doing then). */
    async coveringAt(at: number): Promise<StateIntervalRow[]> {
      const { rows } = await pool.query<StateIntervalRow>(
        `SELECT agent_id AS "agentId", state, reason, (EXTRACT(EPOCH FROM started_at) * 1000)::float8 AS "from",
                (EXTRACT(EPOCH FROM ended_at) * 1000)::float8 AS "to"
         FROM agent_state_intervals WHERE ended_at > $1 AND started_at <= $1`,
        [new Date(at)],
      );
      return rows.map(({ reason, ...row }) => (reason === null || reason === undefined ? row : { ...row, reason }));
    },
    async list(agentId: string, since: number): Promise<StateIntervalRow[]> {
      const { rows } = await pool.query<StateIntervalRow>(
        `SELECT agent_id AS "agentId", state, reason, (EXTRACT(EPOCH FROM started_at) * 1000)::float8 AS "from",
                (EXTRACT(EPOCH FROM ended_at) * 1000)::float8 AS "to"
         FROM agent_state_intervals WHERE agent_id = $1 AND ended_at >= $2 ORDER BY started_at`,
        [agentId, new Date(since)],
      );
      return rows;
    },
  };
}
export type AgentStateRepository = ReturnType<typeof createAgentStateRepository>;
