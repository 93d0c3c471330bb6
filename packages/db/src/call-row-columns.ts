import type { CallRow } from './call-row.js';

const toDate = (ms: number | null) => (ms === null ? null : new Date(ms));

/** The `calls` columns in one list: name, SQL type, and the value a folded row gives it. */
const COLUMNS: readonly [string, string, (row: CallRow) => unknown][] = [
  ['id', 'uuid', (r) => r.id],
  ['queue_id', 'text', (r) => r.queueId],
  ['customer_number', 'text', (r) => r.customerNumber],
  ['customer_tier', 'text', (r) => r.customerTier],
  ['agent_id', 'text', (r) => r.agentId],
  ['enqueued_at', 'timestamptz', (r) => toDate(r.enqueuedAt)],
  ['answered_at', 'timestamptz', (r) => toDate(r.answeredAt)],
  ['ended_at', 'timestamptz', (r) => toDate(r.endedAt)],
  ['outcome', 'text', (r) => r.outcome],
  ['wait_secs', 'numeric', (r) => r.waitSecs],
  ['talk_secs', 'numeric', (r) => r.talkSecs],
  ['hangup_by', 'text', (r) => r.hangupBy],
  ['recording_id', 'text', (r) => r.recordingId],
  ['survey_offered', 'boolean', (r) => r.surveyOffered],
  ['survey_scale', 'text', (r) => r.surveyScale],
  ['survey_score', 'integer', (r) => r.surveyScore],
  ['ring_secs', 'numeric', (r) => r.ringSecs],
  ['wrapup_secs', 'numeric', (r) => r.wrapUpSecs],
  ['disposition', 'text', (r) => r.disposition],
  ['disposition_note', 'text', (r) => r.dispositionNote],
  ['channel_id', 'text', (r) => r.channelId],
  ['hold_secs', 'numeric', (r) => r.holdSecs],
  ['transferred_to', 'text', (r) => r.transferredTo],
  ['estimates', 'integer', (r) => r.estimates],
  ['estimate_error_secs', 'numeric', (r) => r.estimateErrorSecs],
  ['callback_requested_at', 'timestamptz', (r) => toDate(r.callbackRequestedAt)],
  ['callback_status', 'text', (r) => r.callbackStatus],
  ['callback_attempts', 'integer', (r) => r.callbackAttempts],
  ['outbound_status', 'text', (r) => r.outboundStatus],
  ['menu_id', 'text', (r) => r.menuId],
  ['menu_path', 'jsonb', (r) => (r.menuPath === null ? null : JSON.stringify(r.menuPath))],
  ['menu_exit', 'text', (r) => r.menuExit],
];

/** Many call rows in one statement: inserted, or replaced by the new fold. */
export const UPSERT_CALL_ROWS = `
  INSERT INTO calls (${COLUMNS.map(([name]) => name).join(', ')})
  SELECT * FROM unnest(${COLUMNS.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ')})
  ON CONFLICT (id) DO UPDATE SET ${COLUMNS.slice(1).map(([name]) => `${name} = EXCLUDED.${name}`).join(', ')}`;

/** The parameters of UPSERT_CALL_ROWS: one array per column. */
export function callRowColumns(rows: readonly CallRow[]): unknown[][] {
  return COLUMNS.map(([, , value]) => rows.map(value));
}
