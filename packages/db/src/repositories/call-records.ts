import type { CallEvent } from '@hotline/contracts';
import { foldCallRow, type CallRow } from '../call-row.js';
import { inTransaction, type Pool } from '../pool.js';

const toDate = (ms: number | null) => (ms === null ? null : new Date(ms));

/**
 * Call timelines and call rows, written only by the workers. The event's stable id is the row key,
 * so a retried or duplicated job inserts nothing; the call row is refolded from the whole timeline
 * under a per-call lock, so events may be processed in any order.
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
         callback_status AS "callbackStatus", callback_attempts AS "callbackAttempts"
  FROM calls`;

export function createCallRecordRepository(pool: Pool) {
  return {
    async record(event: CallEvent): Promise<boolean> {
      return inTransaction(pool, async (client) => {
        await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [event.callId]);
        const inserted = await client.query(
          'INSERT INTO call_events (id, call_id, type, at, data) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING',
          [event.id, event.callId, event.type, new Date(event.at), JSON.stringify(event)],
        );
        if (inserted.rowCount === 0) return false;
        const { rows } = await client.query<{ data: CallEvent }>('SELECT data FROM call_events WHERE call_id = $1 ORDER BY at, id', [event.callId]);
        const row = foldCallRow(event.callId, rows.map((r) => r.data));
        await client.query(
          `INSERT INTO calls (id, queue_id, customer_number, customer_tier, agent_id, enqueued_at, answered_at, ended_at,
                              outcome, wait_secs, talk_secs, hangup_by, recording_id, survey_offered, survey_scale, survey_score,
                              ring_secs, wrapup_secs, disposition, disposition_note, channel_id, hold_secs, transferred_to,
                              estimates, estimate_error_secs, callback_requested_at, callback_status, callback_attempts)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25,
                   $26, $27, $28)
           ON CONFLICT (id) DO UPDATE SET queue_id = $2, customer_number = $3, customer_tier = $4, agent_id = $5,
             enqueued_at = $6, answered_at = $7, ended_at = $8, outcome = $9, wait_secs = $10, talk_secs = $11, hangup_by = $12,
             recording_id = $13, survey_offered = $14, survey_scale = $15, survey_score = $16,
             ring_secs = $17, wrapup_secs = $18, disposition = $19, disposition_note = $20, channel_id = $21,
             hold_secs = $22, transferred_to = $23, estimates = $24, estimate_error_secs = $25,
             callback_requested_at = $26, callback_status = $27, callback_attempts = $28`,
          [row.id, row.queueId, row.customerNumber, row.customerTier, row.agentId, toDate(row.enqueuedAt), toDate(row.answeredAt),
            toDate(row.endedAt), row.outcome, row.waitSecs, row.talkSecs, row.hangupBy, row.recordingId,
            row.surveyOffered, row.surveyScale, row.surveyScore, row.ringSecs, row.wrapUpSecs, row.disposition, row.dispositionNote, row.channelId,
            row.holdSecs, row.transferredTo, row.estimates, row.estimateErrorSecs,
            toDate(row.callbackRequestedAt), row.callbackStatus, row.callbackAttempts],
        );
        return true;
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
