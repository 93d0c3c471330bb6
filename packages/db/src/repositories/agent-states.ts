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
    async record(interval: StateIntervalRow): Promise<void> {
      await pool.query(
        `INSERT INTO agent_state_intervals (agent_id, state, reason, started_at, ended_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (agent_id, started_at) DO NOTHING`,
        [interval.agentId, interval.state, interval.reason ?? null, new Date(interval.from), new Date(interval.to)],
      );
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
