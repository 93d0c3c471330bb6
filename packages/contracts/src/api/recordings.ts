import { Type, type Static } from '@sinclair/typebox';
import { nullable } from './nullable.js';

const nullableString = nullable(Type.String());
const nullableNumber = nullable(Type.Number());

/** A call's recording with what it was a recording of (GET /recordings, /recordings/:id). */
export const Recording = Type.Object({
  id: Type.String(),
  callId: Type.String(),
  status: Type.String(),
  format: Type.String(),
  secs: nullableNumber,
  bytes: nullableNumber,
  sha256: nullableString,
  /** Spans paused for privacy (card numbers, say), in seconds from the start. */
  pausedSpans: Type.Array(Type.Object({ fromSecs: Type.Number(), toSecs: Type.Number() })),
  startedAt: nullableNumber,
  queueId: nullableString,
  agentId: nullableString,
  customerNumber: nullableString,
  surveyScore: nullable(Type.Integer()),
});
export type Recording = Static<typeof Recording>;
