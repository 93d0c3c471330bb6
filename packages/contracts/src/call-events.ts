import { Type, type Static } from '@sinclair/typebox';
import { OverflowTarget } from './entities.js';
import { IvrExit, IvrStep } from './ivr.js';

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
  /** The caller's Asterisk channel (uniqueid): how Asterisk's own CDR finds this call. */
  channelId: Type.String(),
  queueId: Type.String(),
  customerNumber: Type.String(),
  customerTier: Type.String(),
});

export const CallOffered = Type.Object({
  ...base,
  type: Type.Literal('call.offered'),
  agentId: Type.String(),
  /** Why this agent (the router's RoutingExplanation): candidates with their ordering keys, skip reasons for the rest. */
  routing: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
});

/** The caller was told their place and, when there is an honest one, the expected wait. */
export const CallAnnounced = Type.Object({
  ...base,
  type: Type.Literal('call.announced'),
  position: Type.Integer({ minimum: 1 }),
  estimateSecs: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]),
});

export const CallAnswered = Type.Object({
  ...base,
  type: Type.Literal('call.answered'),
  agentId: Type.String(),
});

/**
 * Where an overflowing call went: a queue's overflow target, or `busy` for a caller refused at the
 * door while the service was behind (released with a busy signal before being answered).
 */
export const OverflowedTo = Type.Union([OverflowTarget, Type.Object({ kind: Type.Literal('busy') })]);

export const CallOverflowed = Type.Object({
  ...base,
  type: Type.Literal('call.overflowed'),
  fromQueueId: Type.String(),
  target: OverflowedTo,
});

/** The waiting caller pressed the callback key and hung up; the call keeps its place in line. */
export const CallCallbackRequested = Type.Object({
  ...base,
  type: Type.Literal('call.callback-requested'),
  /** The place in line kept for the callback. */
  position: Type.Integer({ minimum: 1 }),
});

/** An agent took the callback: the customer's phone is being rung (attempt 1, 2, …). */
export const CallCallbackDialing = Type.Object({
  ...base,
  type: Type.Literal('call.callback-dialing'),
  agentId: Type.String(),
  attempt: Type.Integer({ minimum: 1 }),
});

/** The customer did not answer that attempt (or the line failed); the callback retries or fails. */
export const CallCallbackAttemptFailed = Type.Object({
  ...base,
  type: Type.Literal('call.callback-attempt-failed'),
  attempt: Type.Integer({ minimum: 1 }),
  /** When the next attempt goes back into line; absent when none is left. */
  retryAt: Type.Optional(Type.Integer({ minimum: 0 })),
});

/**
 * 'blocked': the caller's number is blocked (features/blocked); never offered, counted apart from abandons.
 * 'outbound': a call an agent placed (click-to-dial); `outboundStatus` says how it went. Reported apart from calls taken.
 * 'ivr': the caller left in an IVR menu (served by it, or hung up there): never reached a queue.
 */
export const CallOutcome = Type.Union([
  Type.Literal('answered'), Type.Literal('abandoned'), Type.Literal('overflowed'), Type.Literal('voicemail'), Type.Literal('callback'), Type.Literal('blocked'),
  Type.Literal('outbound'), Type.Literal('ivr'),
]);

/**
 * How an outbound call went: the customer answered; their phone rang out, was busy or could not be
 * reached; or the agent gave it up (hung up before the customer answered, or never took their own phone).
 */
export const OutboundStatus = Type.Union([
  Type.Literal('answered'), Type.Literal('no-answer'), Type.Literal('busy'), Type.Literal('failed'), Type.Literal('cancelled'),
]);
export type OutboundStatus = Static<typeof OutboundStatus>;

/** The caller's way through an IVR menu, once they left it; a caller who went on to a queue continues as this call. */
export const CallMenu = Type.Object({
  ...base,
  type: Type.Literal('call.menu'),
  menuId: Type.String(),
  customerNumber: Type.String(),
  path: Type.Array(IvrStep, { maxItems: 500 }),
  exit: IvrExit,
});

/** An agent placed a call (click-to-dial): their own phone rings first, then `customerNumber` through the outbound trunk. */
export const CallDialing = Type.Object({
  ...base,
  type: Type.Literal('call.dialing'),
  agentId: Type.String(),
  /** The queue whose number the customer sees (its DID), and whose recording policy applies. */
  queueId: Type.String(),
  customerNumber: Type.String(),
});

export const CallEnded = Type.Object({
  ...base,
  type: Type.Literal('call.ended'),
  /** 'callback': the caller asked to be called back; `callbackStatus` says how that ended. */
  outcome: CallOutcome,
  callbackStatus: Type.Optional(Type.Union([Type.Literal('completed'), Type.Literal('failed'), Type.Literal('cancelled')])),
  hangupBy: Type.Union([Type.Literal('caller'), Type.Literal('agent'), Type.Literal('system'), Type.Literal('supervisor')]),
  /** Time the caller spent on hold while talking to the agent. */
  holdSecs: Type.Optional(Type.Number({ minimum: 0 })),
  /** Blind transfer: `queue:<id>` or `agent:<extension>`; the caller continues as a new call there. */
  transferredTo: Type.Optional(Type.String()),
  outboundStatus: Type.Optional(OutboundStatus),
});

export const CallRecorded = Type.Object({
  ...base,
  type: Type.Literal('call.recorded'),
  recordingId: Type.String(),
});

/** The survey was offered (the agent hung up first); score null when no valid key came. */
export const CallSurveyed = Type.Object({
  ...base,
  type: Type.Literal('call.surveyed'),
  scale: Type.Union([Type.Literal('csat'), Type.Literal('nps')]),
  score: Type.Union([Type.Integer({ minimum: 0, maximum: 10 }), Type.Null()]),
});

/** The agent's wrap-up of the call: disposition code and note. The latest one counts. */
export const CallDisposed = Type.Object({
  ...base,
  type: Type.Literal('call.disposed'),
  code: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,39}$' }),
  note: Type.String({ maxLength: 2000 }),
});

/** The agent's after-call work for this call ended, after `wrapUpSecs`. */
export const CallWrapped = Type.Object({
  ...base,
  type: Type.Literal('call.wrapped'),
  agentId: Type.String(),
  wrapUpSecs: Type.Number({ minimum: 0 }),
});

export const CallEvent = Type.Union([
  CallEnqueued, CallOffered, CallAnnounced, CallAnswered, CallOverflowed, CallRecorded, CallSurveyed, CallDisposed, CallWrapped,
  CallCallbackRequested, CallCallbackDialing, CallCallbackAttemptFailed, CallEnded, CallDialing, CallMenu,
]);
export type CallEvent = Static<typeof CallEvent>;

export const CALL_EVENTS_QUEUE = 'call-events';

/** Finishing a call's recording: move it out of Asterisk's spool, measure it, store its row. */
export const RecordingJob = Type.Object({
  callId: Type.String({ pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' }),
  /** The recording's name under Asterisk's monitor spool (where MixMonitor writes), without the extension. */
  name: Type.String({ pattern: '^calls/[0-9a-f-]{36}$' }),
  format: Type.Literal('wav'),
  startedAt: Type.Integer({ minimum: 0 }),
  pausedSpans: Type.Array(Type.Object({ fromSecs: Type.Number({ minimum: 0 }), toSecs: Type.Number({ minimum: 0 }) })),
});
export type RecordingJob = Static<typeof RecordingJob>;

export const RECORDINGS_QUEUE = 'recordings';

/**
 * A message a caller left in a queue's voicemail box: move it out of Asterisk's recording spool,
 * measure it, and file it in the box (a caller who hung up before speaking leaves none).
 */
export const VoicemailJob = Type.Object({
  callId: Type.String({ pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' }),
  /** The recording's name under Asterisk's recording spool (where ARI records), without the extension. */
  name: Type.String({ pattern: '^voicemail/[0-9a-f-]{36}$' }),
  format: Type.Literal('wav'),
  queueId: Type.String({ minLength: 1 }),
  customerNumber: Type.String(),
  /** When the caller started speaking (the beep). */
  leftAt: Type.Integer({ minimum: 0 }),
});
export type VoicemailJob = Static<typeof VoicemailJob>;

export const VOICEMAILS_QUEUE = 'voicemails';

/** What the voicemail worker answers for a job: filed in the box, or nothing to file (no message spoken). */
export interface VoicemailFiled {
  filed: boolean;
}

/** An answered survey to process: store it, update running scores, open a follow-up for a detractor. */
export const SurveyJob = Type.Object({
  callId: Type.String({ pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' }),
  agentId: Type.Union([Type.String(), Type.Null()]),
  queueId: Type.String(),
  customerNumber: Type.String(),
  scale: Type.Union([Type.Literal('csat'), Type.Literal('nps')]),
  score: Type.Integer({ minimum: 0, maximum: 10 }),
  at: Type.Integer({ minimum: 0 }),
});
export type SurveyJob = Static<typeof SurveyJob>;

export const SURVEYS_QUEUE = 'surveys';

/** An Asterisk CDR for an inbound call, from AMI, kept to reconcile against our records. */
export const AsteriskCdr = Type.Object({
  uniqueid: Type.String({ minLength: 1, maxLength: 150 }),
  source: Type.String(),
  destination: Type.String(),
  context: Type.String(),
  startedAt: Type.Union([Type.Integer(), Type.Null()]),
  answeredAt: Type.Union([Type.Integer(), Type.Null()]),
  endedAt: Type.Union([Type.Integer(), Type.Null()]),
  disposition: Type.String(),
});
export type AsteriskCdr = Static<typeof AsteriskCdr>;

export const ASTERISK_CDRS_QUEUE = 'asterisk-cdrs';
