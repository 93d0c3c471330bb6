import type { CallEvent } from '@hotline/contracts';
import { foldCallRow, type CallRow } from '../call-row.js';
import { callRowColumns, UPSERT_CALL_ROWS } from '../call-row-columns.js';
import { inTransaction, type Pool } from '../pool.js';

/**
 * Call timelines and call rows, written only by the workers. The event's stable id is the row key,
 * so a retried or duplicated job inserts nothing; the call row is refolded from the whole timeline
 * under a per-call lock, so events may be processed in any order and in batches of any make-up.
 */
const SELECT_CALL = `
  SELECT id, queue_id AS "queueId", customer_number AS "customerNumber", customer_tier AS "customerTier",
         agent_id AS "agentId", outcome, hangup_by AS "hangupBy",
         (EXTRACT(EPOCH FROM enqueued_at) * 1000)::float8 AS "enqueuedAt",
         (EXTRACT(EPOCH FROM answered_at) * 1000)::float8 AS "answeredAt",
         (EXTRACT(EPOCH FROM ended_at) * 1000)::float8 AS "endedAt",
         wait_secs::float8 AS "waitSecs", talk_secs::float8 AS "talkSecs", recording_id AS "recordingId",
         survey_offered AS "surveyOffered", survey_scale AS "surveyScale", survey_score AS "surveyScore",
         ring_secs::float8 AS "ringSecs", wrapup_secs::float8 AS "wrapUpSecs", disposition, disposition_note AS "dispositionNote", channel_id AS "channelId",
         hold_secs::float8 AS "holdSecs", transferred_to AS "transferredTo",
         estimates, estimate_error_secs::float8 AS "estimateErrorSecs",
         (EXTRACT(EPOCH FROM callback_requested_at) * 1000)::float8 AS "callbackRequestedAt",
         callback_status AS "callbackStatus", callback_attempts AS "callbackAttempts", outbound_status AS "outboundStatus",
         menu_id AS "menuId", menu_path AS "menuPath", menu_exit AS "menuExit"
  FROM calls`;

export function createCallRecordRepository(pool: Pool) {
  return {
    /**
     * Stores a batch of events in one transaction and returns the ids of those that were new. The
     * calls they touch are locked in one order (so concurrent batches cannot deadlock), only the
     * events not already stored are inserted, and only the calls that gained one are refolded
     * from their whole timeline and upserted, all in one statement.
     */
    async recordMany(events: readonly CallEvent[]): Promise<Set<string>> {
      if (events.length === 0) return new Set();
      return inTransaction(pool, async (client) => {
        const callIds = [...new Set(events.map((e) => e.callId))];
        await client.query('SELECT pg_advisory_xact_lock(key) FROM (SELECT DISTINCT hashtext(id) AS key FROM unnest($1::text[]) id ORDER BY 1) locks', [callIds]);
        const { rows: inserted } = await client.query<{ id: string; callId: string }>(
          `INSERT INTO call_events (id, call_id, type, at, data)
           SELECT * FROM unnest($1::text[], $2::uuid[], $3::text[], $4::timestamptz[], $5::jsonb[])
           ON CONFLICT (id) DO NOTHING RETURNING id, call_id AS "callId"`,
          [events.map((e) => e.id), events.map((e) => e.callId), events.map((e) => e.type), events.map((e) => new Date(e.at)), events.map((e) => JSON.stringify(e))],
        );
        const touched = [...new Set(inserted.map((row) => row.callId))];
        if (touched.length === 0) return new Set();
        // The fold reads none of an offer's routing rationale, so it is not read back.
        const { rows } = await client.query<{ callId: string; data: CallEvent }>(
          `SELECT call_id AS "callId", data - 'routing' AS data FROM call_events WHERE call_id = ANY($1::uuid[])`,
          [touched],
        );
        const timelines = new Map<string, CallEvent[]>(touched.map((id) => [id, []]));
        for (const row of rows) timelines.get(row.callId)?.push(row.data);
        await client.query(UPSERT_CALL_ROWS, callRowColumns([...timelines].map(([id, timeline]) => foldCallRow(id, timeline))));
        return new Set(inserted.map((row) => row.id));
      });
    },
    async get(callId: string): Promise<CallRow | undefined> {
      return (await pool.query<CallRow>(`${SELECT_CALL} WHERE id = $1`, [callId])).rows[0];
    },
    /** A customer's most recent calls, newest first (the agent's screen pop). */
    async ofCustomer(customerNumber: string, limit: number, excludeCallId: string): Promise<CallRow[]> {
      return (await pool.query<CallRow>(`${SELECT_CALL} WHERE customer_number = $1 AND id <> $2 ORDER BY enqueued_at DESC LIMIT $3`, [customerNumber, excludeCallId, limit])).rows;
    },
    /** Each offer of a call in order: when, to whom, and the router's explanation kept with it. */
    async offers(callId: string): Promise<{ at: string; agentId: string; routing: Record<string, unknown> | null }[]> {
      const { rows } = await pool.query<{ at: Date; data: { agentId?: string; routing?: Record<string, unknown> } }>(
        "SELECT at, data FROM call_events WHERE call_id = $1 AND type = 'call.offered' ORDER BY at, id",
        [callId],
      );
      return rows.map((r) => ({ at: r.at.toISOString(), agentId: r.data.agentId ?? '', routing: r.data.routing ?? null }));
    },
    /** An agent's calls answered since a moment, newest first. */
    async ofAgent(agentId: string, since: number): Promise<CallRow[]> {
      return (await pool.query<CallRow>(`${SELECT_CALL} WHERE agent_id = $1 AND enqueued_at >= $2 ORDER BY enqueued_at DESC LIMIT 500`, [agentId, new Date(since)])).rows;
    },
  };
}
export type CallRecordRepository = ReturnType<typeof createCallRecordRepository>;
