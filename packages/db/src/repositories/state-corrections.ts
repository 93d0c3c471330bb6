import type { Pool } from '../pool.js';

export interface StateCorrection {
  at: string;
  kind: string;
  callId: string | null;
  agentId: string | null;
  evidence: Record<string, unknown>;
}

/** The reconciler's corrections, newest first. */
export function createStateCorrectionRepository(pool: Pool) {
  return {
    async add(correction: StateCorrection): Promise<void> {
      await pool.query('INSERT INTO state_corrections (at, kind, call_id, agent_id, evidence) VALUES ($1, $2, $3, $4, $5)', [
        correction.at,
        correction.kind,
        correction.callId,
        correction.agentId,
        JSON.stringify(correction.evidence),
      ]);
    },
    async list(limit: number): Promise<(StateCorrection & { id: string })[]> {
      const { rows } = await pool.query<StateCorrection & { id: string }>(
        `SELECT id::text, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at, kind, call_id AS "callId", agent_id AS "agentId", evidence
           FROM state_corrections ORDER BY at DESC, id DESC LIMIT $1`,
        [limit],
      );
      return rows;
    },
  };
}
export type StateCorrectionRepository = ReturnType<typeof createStateCorrectionRepository>;
