import type { CallRecord, TimeSpan } from '@hotline/kpi';
import type { Pool } from '../pool.js';

/**
 * One stored call as a replay needs it: the KPI record (customer number left out: a replay never
 * needs it) plus what routed it — the queue it first entered (an overflow moves the row's queue
 * to the target) and the customer tier its priority came from.
 */
export interface RecordedCall extends CallRecord {
  id: string;
  entryQueueId: string;
  customerTier: string | null;
  /** False when no wrap-up was stored for the call (wrapUpSeconds then reads 0). */
  wrapUpRecorded: boolean;
}

/** An agent state interval as stored, in the routing engine's state names; `to` is null while open. */
export interface RecordedInterval {
  agentId: string;
  state: string;
  reason: string | null;
  from: number;
  to: number | null;
}

const ms = (column: string) => `(EXTRACT(EPOCH FROM ${column}) * 1000)::float8`;

/**
 * The recorded traffic of a period: every completed call enqueued in it (but blocked callers, who
 * never reached a queue, and the calls agents placed, which no queue was offered), and the agents'
 * state timelines.
 */
export function createRecordedDayRepository(pool: Pool) {
  return {
    async calls(period: TimeSpan): Promise<RecordedCall[]> {
      const { rows } = await pool.query<RecordedCall>(
        `SELECT c.id, c.queue_id AS "queueId", c.agent_id AS "agentId", NULL AS "customerNumber", c.customer_tier AS "customerTier",
                COALESCE((SELECT e.data->>'queueId' FROM call_events e WHERE e.call_id = c.id AND e.type = 'call.enqueued' ORDER BY e.at LIMIT 1), c.queue_id) AS "entryQueueId",
                ${ms('c.enqueued_at')} AS "enqueuedAt", ${ms('c.answered_at')} AS "answeredAt", ${ms('c.ended_at')} AS "endedAt", c.outcome,
                COALESCE(c.wait_secs, 0)::float8 AS "waitSeconds", COALESCE(c.ring_secs, 0)::float8 AS "ringSeconds",
                COALESCE(c.talk_secs, 0)::float8 AS "talkSeconds", c.hold_secs::float8 AS "holdSeconds", COALESCE(c.wrapup_secs, 0)::float8 AS "wrapUpSeconds",
                c.wrapup_secs IS NOT NULL AS "wrapUpRecorded",
                NULL AS survey, false AS "surveyOffered"
         FROM calls c
         WHERE c.outcome IS NOT NULL AND c.outcome NOT IN ('blocked', 'outbound') AND c.queue_id IS NOT NULL AND c.ended_at IS NOT NULL AND c.enqueued_at >= $1 AND c.enqueued_at < $2
         ORDER BY c.enqueued_at, c.id`,
        [new Date(period.start), new Date(period.end)],
      );
      return rows;
    },

    /** Intervals overlapping the period, unclipped: a replay needs each agent's state as the period opens. */
    async agentStateIntervals(period: TimeSpan): Promise<RecordedInterval[]> {
      const { rows } = await pool.query<RecordedInterval>(
        `SELECT agent_id AS "agentId", state, reason, ${ms('started_at')} AS "from", ${ms('ended_at')} AS "to"
         FROM agent_state_intervals
         WHERE started_at < $2 AND (ended_at IS NULL OR ended_at > $1)
         ORDER BY agent_id, started_at`,
        [new Date(period.start), new Date(period.end)],
      );
      return rows;
    },
  };
}
export type RecordedDayRepository = ReturnType<typeof createRecordedDayRepository>;
