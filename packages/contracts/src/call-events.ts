import { Type, type Static } from '@sinclair/typebox';
import { OverflowTarget } from './entities.js';

/**
 * What the control service tells the workers about a call. `id` is stable per event (the call id
 * plus what happened), which makes it both the BullMQ job id and the row key: a duplicate is a no-op.
 */
const base = {
  id: Type.String({ minLength: 1, maxLength: 120 }),
  callId: Type.String({ pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' }),
  at: Type.Integer({ minimum: 0 }),
};

export const CallEnqueued = Type.Object({
  ...base,
  type: Type.Literal('call.enqueued'),
  queueId: Type.String(),
  customerNumber: Type.String(),
  customerTier: Type.String(),
});

export const CallOffered = Type.Object({
  ...base,
  type: Type.Literal('call.offered'),
  agentId: Type.String(),
});

export const CallAnswered = Type.Object({
  ...base,
  type: Type.Literal('call.answered'),
  agentId: Type.String(),
});

export const CallOverflowed = Type.Object({
  ...base,
  type: Type.Literal('call.overflowed'),
  fromQueueId: Type.String(),
  target: OverflowTarget,
});

export const CallEnded = Type.Object({
  ...base,
  type: Type.Literal('call.ended'),
  outcome: Type.Union([Type.Literal('answered'), Type.Literal('abandoned'), Type.Literal('overflowed'), Type.Literal('voicemail')]),
  hangupBy: Type.Union([Type.Literal('caller'), Type.Literal('agent'), Type.Literal('system')]),
});

export const CallEvent = Type.Union([CallEnqueued, CallOffered, CallAnswered, CallOverflowed, CallEnded]);
export type CallEvent = Static<typeof CallEvent>;

export const CALL_EVENTS_QUEUE = 'call-events';
