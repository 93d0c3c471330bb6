import { Type, type Static } from '@sinclair/typebox';
import { nullable } from './nullable.js';

const nullableString = nullable(Type.String());
const nullableNumber = nullable(Type.Number());

/** One of a caller's or an agent's past calls, as the desk shows it. */
export const PastCall = Type.Object({
  id: Type.String(),
  queueId: nullableString,
  customerNumber: nullableString,
  agentId: nullableString,
  enqueuedAt: nullableNumber,
  outcome: nullableString,
  waitSecs: nullableNumber,
  talkSecs: nullableNumber,
  disposition: nullableString,
  dispositionNote: nullableString,
  surveyScale: Type.Union([Type.Literal('csat'), Type.Literal('nps'), Type.Null()]),
  surveyScore: nullable(Type.Integer()),
  recordingId: nullableString,
});
export type PastCall = Static<typeof PastCall>;

/** The screen pop (GET /calls/:id/context): who is calling, from which queue, since when, and their last calls. */
export const ScreenPop = Type.Object({
  callId: Type.String(),
  queue: Type.Object({ id: Type.String(), name: Type.String() }),
  customer: Type.Object({ number: Type.String(), name: nullableString, tier: Type.String() }),
  enqueuedAt: Type.Number(),
  history: Type.Array(PastCall),
});
export type ScreenPop = Static<typeof ScreenPop>;
