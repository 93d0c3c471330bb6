import type { AgentState, AgentStateInterval, CallRecord, OutboundResult, TimeSpan } from '@hotline/kpi';
import { AGENT_STATE_NAMES } from '@hotline/contracts';
import type { Pool } from '../pool.js';

/** The routing engine's state names (packages/acd) as the KPI math names them. */
const KPI_STATE: Readonly<Record<string, AgentState>> = AGENT_STATE_NAMES;

const ms = (column: string) => `(EXTRACT(EPOCH FROM ${column}) * 1000)::float8`;

interface CallSourceRow extends Omit<CallRecord, 'survey' | 'callback' | 'outbound'> {
  surveyScale: 'csat' | 'nps' | null;
  surveyScore: number | null;
  callbackRequestedAt: number | null;
  callbackStatus: 'completed' | 'failed' | 'cancelled' | null;
  callbackAttempts: number;
  outboundStatus: OutboundResult['status'] | null;
}

/** Ended calls only (outcome set); a row still missing its enqueue or its end is not a complete record yet. */
const COMPLETE = 'outcome IS NOT NULL AND queue_id IS NOT NULL AND enqueued_at IS NOT NULL AND ended_at IS NOT NULL';

/** Durations the call never reached are 0, as CallRecord counts them. */
const CALL_COLUMNS = `
  queue_id AS "queueId", agent_id AS "agentId", customer_number AS "customerNumber",
  ${ms('enqueued_at')} AS "enqueuedAt", ${ms('answered_at')} AS "answeredAt", ${ms('ended_at')} AS "endedAt",
  outcome, COALESCE(wait_secs, 0)::float8 AS "waitSeconds", COALESCE(ring_secs, 0)::float8 AS "ringSeconds",
  COALESCE(talk_secs, 0)::float8 AS "talkSeconds", hold_secs::float8 AS "holdSeconds",
  COALESCE(wrapup_secs, 0)::float8 AS "wrapUpSeconds", survey_offered AS "surveyOffered",
  survey_scale AS "surveyScale", survey_score AS "surveyScore",
  estimates, estimate_error_secs::float8 AS "estimateErrorSeconds",
  ${ms('callback_requested_at')} AS "callbackRequestedAt", callback_status AS "callbackStatus", callback_attempts AS "callbackAttempts",
  outbound_status AS "outboundStatus"`;

function toCallRecord({ surveyScale, surveyScore, callbackRequestedAt, callbackStatus, callbackAttempts, outboundStatus, ...call }: CallSourceRow): CallRecord {
  const survey = surveyScale === null || surveyScore === null ? null : { scale: surveyScale, score: surveyScore };
  return {
    ...call,
    survey,
    ...(callbackRequestedAt !== null && callbackStatus !== null ? { callback: { requestedAt: callbackRequestedAt, status: callbackStatus, attempts: callbackAttempts } } : {}),
    ...(outboundStatus !== null ? { outbound: { status: outboundStatus } } : {}),
  };
}

/** What KPI reports are computed from: call rows, agent state intervals and team membership. */
export function createKpiSourceRepository(pool: Pool) {
  return {
    /**
     * Calls enqueued in the period, plus the calls that follow it within the FCR window after the
     * period's last call ended: those reveal repeats of calls in the period, though they are not
     * reported themselves.
     */
    async calls(period: TimeSpan, fcrWindowHours: number): Promise<CallRecord[]> {
      const { rows } = await pool.query<CallSourceRow>(
        `WITH reported AS (SELECT * FROM calls WHERE ${COMPLETE} AND enqueued_at >= $1 AND enqueued_at < $2),
              after_period AS (
                SELECT * FROM calls WHERE ${COMPLETE} AND enqueued_at >= $2
                  AND enqueued_at <= (SELECT MAX(ended_at) FROM reported) + $3::float8 * interval '1 hour')
         SELECT ${CALL_COLUMNS} FROM (SELECT * FROM reported UNION ALL SELECT * FROM after_period) AS c
         ORDER BY enqueued_at`,
        [new Date(period.start), new Date(period.end), fcrWindowHours],
      );
      return rows.map(toCallRecord);
    },

    /**
     * Agent state intervals overlapping the period, clipped to it. An interval still open is
     * closed at `now`. States the KPI math does not know are left out.
     */
    async agentStateIntervals(period: TimeSpan, now: number): Promise<AgentStateInterval[]> {
      const { rows } = await pool.query<{ agentId: string; state: string; from: number; to: number }>(
        `SELECT agent_id AS "agentId", state, ${ms('GREATEST(started_at, $1)')} AS "from",
                ${ms('LEAST(COALESCE(ended_at, $3), $2)')} AS "to"
         FROM agent_state_intervals
         WHERE started_at < $2 AND COALESCE(ended_at, $3) > $1
         ORDER BY agent_id, started_at`,
        [new Date(period.start), new Date(period.end), new Date(now)],
      );
      return rows.flatMap(({ state, ...interval }) => {
        const kpiState = KPI_STATE[state];
        return kpiState === undefined ? [] : [{ ...interval, state: kpiState }];
      });
    },

    /** Agent id → team id, for agents in a team. Membership is today's: team history is not kept. */
    async teamOfAgent(): Promise<Map<string, string>> {
      const { rows } = await pool.query<{ id: string; teamId: string }>('SELECT id, team_id AS "teamId" FROM agents WHERE team_id IS NOT NULL');
      return new Map(rows.map((row) => [row.id, row.teamId]));
    },
  };
}
export type KpiSourceRepository = ReturnType<typeof createKpiSourceRepository>;
