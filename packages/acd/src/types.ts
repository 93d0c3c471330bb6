// Plain-data shapes: configuration a service loads from PostgreSQL, and the records the engine
// hands back for the service to act on and persist. Times are milliseconds; durations in config
// are seconds because that is how administrators enter them.

import type { OfferRationale } from './explain.js';

export type AgentId = string;
export type QueueId = string;
export type CallId = string;
export type SkillId = string;

/** From `afterSeconds` of waiting on, the skill's minimum level drops to `minLevel`. */
export interface ExpansionStep {
  readonly afterSeconds: number;
  readonly minLevel: number;
}

export interface SkillRequirement {
  readonly skill: SkillId;
  /** Level 1–10 required while the call has waited less than the first expansion step. */
  readonly minLevel: number;
  /** Ordered by `afterSeconds`; each step may only lower the level. */
  readonly expansion?: readonly ExpansionStep[];
}

export type Strategy = 'longest-idle' | 'best-skill';

export type OverflowTarget =
  | { readonly kind: 'queue'; readonly queueId: QueueId }
  | { readonly kind: 'voicemail' }
  | { readonly kind: 'goodbye' };

export interface QueueConfig {
  readonly id: QueueId;
  /** At least one; an agent must meet every requirement. */
  readonly skills: readonly SkillRequirement[];
  /** Default 'longest-idle'. */
  readonly strategy?: Strategy;
  /** Breaks ties between equal-priority calls of different queues; higher first. Default 0. */
  readonly weight?: number;
  /** Callers allowed to wait at once; default unlimited. */
  readonly maxWaiting?: number;
  /** Default unlimited. */
  readonly maxWaitSeconds?: number;
  /** Where calls go when a limit is hit. Default voicemail. */
  readonly overflow?: OverflowTarget;
  /** Default 15. */
  readonly ringTimeoutSeconds?: number;
  /** After-call work; 0 (the default) sends the agent straight back to Ready. */
  readonly wrapUpSeconds?: number;
}

export interface AgentConfig {
  readonly id: AgentId;
  /** Skill → level 1–10. */
  readonly skills: Readonly<Record<SkillId, number>>;
}

export interface AcdConfig {
  readonly queues: readonly QueueConfig[];
  readonly agents: readonly AgentConfig[];
  /** Reasons an agent or supervisor may pick; default break, lunch, training, meeting, other. */
  readonly notReadyReasons?: readonly string[];
}

export interface CallInput {
  readonly id: CallId;
  readonly queueId: QueueId;
  /** Higher is served first (e.g. from the customer's tier: VIP). Default 0. */
  readonly priority?: number;
  /**
   * When the call's wait began, if earlier than now: a callback going back into line takes the
   * place it had (see holdPlace). Default now; never later than now.
   */
  readonly waitingSince?: number;
  /** Nobody is on the line (a callback): the queue's max wait does not apply. Default false. */
  readonly holdsPlace?: boolean;
}

export type AgentState = 'LoggedOut' | 'Ready' | 'NotReady' | 'Reserved' | 'OnCall' | 'WrapUp';

/** A closed span of one agent state; occupancy and AHT are computed from these. */
export interface StateInterval {
  readonly agentId: AgentId;
  readonly state: AgentState;
  readonly reason?: string;
  readonly from: number;
  readonly to: number;
}

/** A call reserved for an agent; `interval` is the agent state this change closed. */
export interface Offer {
  readonly callId: CallId;
  readonly agentId: AgentId;
  readonly queueId: QueueId;
  readonly interval: StateInterval;
}

/** An offer made by dispatch or offerTo, with why it went to this agent (constant-time to make). */
export interface RoutedOffer extends Offer {
  readonly rationale: OfferRationale;
}

export interface OverflowDecision {
  readonly callId: CallId;
  readonly queueId: QueueId;
  readonly reason: 'queue-full' | 'max-wait';
  readonly target: OverflowTarget;
}

export type EnqueueResult =
  | { readonly accepted: true; readonly position: number }
  | { readonly accepted: false; readonly overflow: OverflowDecision };

/** What the passage of time did: the service cancels missed legs and moves overflowed callers. */
export interface Expired {
  readonly overflows: OverflowDecision[];
  readonly missedOffers: Offer[];
  readonly wrapUpsEnded: StateInterval[];
}

export interface AgentSnapshot {
  readonly id: AgentId;
  readonly state: AgentState;
  readonly reason?: string;
  readonly since: number;
  readonly deviceRegistered: boolean;
  /** When the agent last became Ready; longest idle is the smallest. */
  readonly idleSince: number;
  /** The call being offered, talked or wrapped up. */
  readonly callId?: CallId;
  readonly wrapUpEndsAt?: number;
}

export interface CallSnapshot {
  readonly id: CallId;
  readonly queueId: QueueId;
  readonly priority: number;
  readonly enqueuedAt: number;
  /** Set while the call rings an agent. */
  readonly offeredTo?: AgentId;
}
