import { Type, type Static } from '@sinclair/typebox';

/** Identifiers people type (queue ids, skill ids): short, URL-safe, lower case. */
export const Slug = Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,39}$' });
/** An agent's extension doubles as its SIP username. */
export const Extension = Type.String({ pattern: '^[0-9]{3,8}$' });
export const DialNumber = Type.String({ pattern: '^\\+?[0-9]{2,20}$' });

export const Role = Type.Union([Type.Literal('agent'), Type.Literal('supervisor'), Type.Literal('admin')]);
export type Role = Static<typeof Role>;

export const Skill = Type.Object({ id: Slug, name: Type.String({ minLength: 1, maxLength: 80 }) });
export type Skill = Static<typeof Skill>;

export const Team = Type.Object({ id: Slug, name: Type.String({ minLength: 1, maxLength: 80 }) });
export type Team = Static<typeof Team>;

export const OverflowTarget = Type.Union([
  Type.Object({ kind: Type.Literal('queue'), queueId: Slug }),
  Type.Object({ kind: Type.Literal('voicemail') }),
  Type.Object({ kind: Type.Literal('goodbye') }),
]);
export type OverflowTarget = Static<typeof OverflowTarget>;

export const ExpansionStep = Type.Object({
  afterSecs: Type.Integer({ minimum: 0, maximum: 3600 }),
  minLevel: Type.Integer({ minimum: 1, maximum: 10 }),
});

export const RecordingPolicy = Type.Object({
  mode: Type.Union([Type.Literal('all'), Type.Literal('none'), Type.Literal('sample')]),
  /** With 'sample': the share of calls recorded, chosen at random per call. */
  samplePct: Type.Integer({ minimum: 0, maximum: 100 }),
});
export type RecordingPolicy = Static<typeof RecordingPolicy>;

export const SurveyPolicy = Type.Object({
  /** csat: one key 1–5; nps: one key 0–9, or * for 10. */
  mode: Type.Union([Type.Literal('off'), Type.Literal('csat'), Type.Literal('nps')]),
  /**
   * When the caller hears it: the agent hangs up first (the default), the agent hands the caller
   * over to it from the desk (转满意度: where agents wait for the customer to hang up), or both.
   */
  trigger: Type.Optional(Type.Union([Type.Literal('agent-hangs-up'), Type.Literal('handover'), Type.Literal('both')], { default: 'agent-hangs-up' })),
});
export type SurveyPolicy = Static<typeof SurveyPolicy>;

/** When the wallboard warns about a queue; the service-level alert uses the queue's own target. */
export const QueueAlerts = Type.Object(
  {
    /** Abandoned share of offered calls over the last 30 minutes above this warns. */
    abandonPctMax: Type.Integer({ minimum: 0, maximum: 100 }),
    /** A caller waiting longer than this warns. */
    waitSecsMax: Type.Integer({ minimum: 5, maximum: 7200 }),
    /** An agent who can serve the queue and stays in one state longer than this warns. */
    agentStateSecsMax: Type.Integer({ minimum: 60, maximum: 86400 }),
  },
  { default: { abandonPctMax: 10, waitSecsMax: 120, agentStateSecsMax: 1800 } },
);
export type QueueAlerts = Static<typeof QueueAlerts>;

/** A time of day, HH:MM, in the service's local time; 24:00 closes a window at midnight. */
const TimeOfDay = Type.String({ pattern: '^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$' });

/**
 * Callbacks: a waiting caller presses `key` to hang up and be called back at the number they call
 * from, keeping their place in line. Offered and dialled only inside the daily window.
 */
export const CallbackPolicy = Type.Object(
  {
    enabled: Type.Boolean(),
    key: Type.String({ pattern: '^[0-9*#]$' }),
    /** Calls to the customer per callback before it is given up as failed. */
    maxAttempts: Type.Integer({ minimum: 1, maximum: 5 }),
    /** After an unanswered attempt, the callback goes back into line (at its place) this much later. */
    retryAfterSecs: Type.Integer({ minimum: 1, maximum: 86400 }),
    /** How long the customer's phone rings on each attempt. */
    ringSecs: Type.Integer({ minimum: 5, maximum: 120 }),
    window: Type.Object({ from: TimeOfDay, to: TimeOfDay }),
  },
  { default: { enabled: false, key: '1', maxAttempts: 3, retryAfterSecs: 300, ringSecs: 30, window: { from: '08:00', to: '20:00' } } },
);
export type CallbackPolicy = Static<typeof CallbackPolicy>;

/** The language a queue's callers hear: English, or Mandarin Chinese. */
export const PromptLanguage = Type.Union([Type.Literal('en'), Type.Literal('zh')], { default: 'en' });
export type PromptLanguage = Static<typeof PromptLanguage>;

export const Queue = Type.Object({
  id: Slug,
  name: Type.String({ minLength: 1, maxLength: 80 }),
  number: DialNumber,
  strategy: Type.Union([Type.Literal('longest-idle'), Type.Literal('best-skill')]),
  weight: Type.Integer({ minimum: 1, maximum: 100 }),
  slThresholdSecs: Type.Integer({ minimum: 1, maximum: 3600 }),
  slTargetPct: Type.Integer({ minimum: 1, maximum: 100 }),
  ringTimeoutSecs: Type.Integer({ minimum: 5, maximum: 120 }),
  wrapupSecs: Type.Integer({ minimum: 0, maximum: 3600 }),
  maxWaitSecs: Type.Integer({ minimum: 10, maximum: 7200 }),
  maxWaiting: Type.Integer({ minimum: 1, maximum: 10000 }),
  announceIntervalSecs: Type.Integer({ minimum: 10, maximum: 600 }),
  overflow: OverflowTarget,
  expansion: Type.Array(ExpansionStep, { maxItems: 10 }),
  recording: RecordingPolicy,
  survey: SurveyPolicy,
  alerts: QueueAlerts,
  callback: CallbackPolicy,
  language: PromptLanguage,
  skills: Type.Array(Type.Object({ skillId: Slug, minLevel: Type.Integer({ minimum: 1, maximum: 10 }) }), { minItems: 1, maxItems: 20 }),
});
export type Queue = Static<typeof Queue>;

export const AgentSkill = Type.Object({ skillId: Slug, level: Type.Integer({ minimum: 1, maximum: 10 }) });

export const Agent = Type.Object({
  id: Extension,
  name: Type.String({ minLength: 1, maxLength: 80 }),
  teamId: Type.Union([Slug, Type.Null()]),
  skills: Type.Array(AgentSkill, { maxItems: 50 }),
});
export type Agent = Static<typeof Agent>;

/** Long enough to resist guessing over SIP digest; letters and digits so every softphone accepts it. */
export const SipPassword = Type.String({ minLength: 12, maxLength: 64, pattern: '^[A-Za-z0-9]+$' });

export const Customer = Type.Object({
  number: DialNumber,
  name: Type.Union([Type.String({ maxLength: 120 }), Type.Null()]),
  tier: Type.Union([Type.Literal('standard'), Type.Literal('gold'), Type.Literal('vip')]),
});
export type Customer = Static<typeof Customer>;

/** Every 4xx/5xx body: Fastify's own shape, so validation errors and ours look alike. */
export const ErrorReply = Type.Object({
  statusCode: Type.Integer(),
  error: Type.String(),
  message: Type.String(),
});
