import type { OfferRationale, RoutingExplanation } from '@hotline/acd';

/** What the call flow asks of routing; the ACD engine answers (see routing-service.ts). */
export interface RouteOffer {
  callId: string;
  agentId: string;
  queueId: string;
  /** Why this agent: the pick with its ordering keys and the thresholds (everyone else's standing is rebuilt on demand). */
  rationale: OfferRationale;
}

export type OverflowTarget = { kind: 'queue'; queueId: string } | { kind: 'voicemail' } | { kind: 'goodbye' };

export type EnqueueOutcome = { accepted: true; position: number } | { accepted: false; overflow: OverflowTarget };

/** A call as the router takes it; a callback going back into line brings the place it had. */
export interface RouteInput {
  id: string;
  queueId: string;
  priority: number;
  waitingSince?: number;
  holdsPlace?: boolean;
}

export interface RoutingPort {
  /** A change from outside the call flow may have made work: the call flow dispatches on it. */
  onWorkAvailable(listener: () => void): void;
  enqueue(call: RouteInput, now: number): EnqueueOutcome;
  /** The caller left the line for a callback: the call keeps its place, without max wait. */
  holdPlace(callId: string, now: number): void;
  /** Every agent's standing for a call the router holds now (waiting or ringing); undefined otherwise. */
  explain(callId: string, now: number): RoutingExplanation | undefined;
  /** The caller's place in line (1 = next), while waiting. */
  position(callId: string): number | undefined;
  /** A call for one Ready agent (blind transfer); throws AcdError AGENT_NOT_READY otherwise. */
  offerTo(call: { id: string; queueId: string; priority: number }, agentId: string, now: number): RouteOffer;
  /** After a restart: the agent is talking on this call again; false when the router cannot have it so. */
  restoreTalking(call: { id: string; queueId: string; priority: number }, agentId: string, now: number): boolean;
  /**
   * An agent places a call (click-to-dial): from Ready or Not ready, the agent is held for it as for
   * an offer, so no call from a queue is offered meanwhile; false when the agent is busy, logged out
   * or has no phone registered.
   */
  takeForOutbound(call: { id: string; queueId: string; priority: number }, agentId: string, now: number): boolean;
  /** Pairs Ready agents with waiting calls; each offer reserves both. */
  dispatch(now: number): RouteOffer[];
  /** The agent picked up. */
  answered(callId: string, now: number): void;
  /** The agent's leg failed or was not answered: the call keeps its place, the agent is NotReady. */
  offerFailed(callId: string, now: number): void;
  /** The call is over: talked (the agent goes to wrap-up) or abandoned while waiting or ringing. */
  ended(call: { id: string; agentId: string | null; talked: boolean }, now: number): void;
  /** Applies what is due by `now`: overflowing callers and offers nobody answered in time. */
  expire(now: number): { overflows: { callId: string; target: OverflowTarget }[]; missedCallIds: string[] };
  /** When expire or dispatch next have work, if ever. */
  nextDeadline(): number | undefined;
}
