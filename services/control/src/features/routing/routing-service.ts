import { Acd, AcdError, type AgentSnapshot, type AgentStanding, type RequestedState, type RoutedOffer, type RoutingExplanation, type StateInterval } from '@hotline/acd';
import type { Agent, Queue } from '@hotline/contracts';
import type { FastifyBaseLogger } from 'fastify';
import { toAgentConfig, toQueueConfig } from './acd-config.js';
import { standingsAt } from './standing-at.js';
import type { EnqueueOutcome, RouteInput, RouteOffer, RoutingPort } from './routing-port.js';

/** An offer as the call flow takes it. */
function routeOffer({ callId, agentId, queueId, rationale }: RoutedOffer): RouteOffer {
  return { callId, agentId, queueId, rationale };
}

/** Where closed intervals go; storing them must not hold up routing (see interval-writer.ts). */
export interface IntervalSink {
  add(interval: StateInterval): void;
  /** Those not yet stored that cover the moment `at`. */
  covering(at: number): StateInterval[];
}

/**
 * The routing engine inside the service: feeds it configuration and events, and keeps every agent
 * state interval it closes (occupancy and AHT are computed from them).
 */
export class RoutingService implements RoutingPort {
  readonly acd: Acd;
  readonly #agents = new Map<string, Agent>();
  /** Each agent's skill → level, kept with the agent rather than rebuilt per question. */
  readonly #levels = new Map<string, Readonly<Record<string, number>>>();
  /** The call each agent last answered: a closing WrapUp interval belongs to it. */
  readonly #lastCall = new Map<string, string>();
  readonly #wrapUpListeners: ((wrapUp: { agentId: string; callId: string; secs: number }) => void)[] = [];
  readonly #agentListeners: ((agentId: string) => void)[] = [];
  readonly #workListeners: (() => void)[] = [];

  constructor(
    queues: readonly Queue[],
    agents: readonly Agent[],
    private readonly intervals: IntervalSink,
    private readonly log: FastifyBaseLogger,
    now: number,
  ) {
    this.acd = new Acd({ queues: queues.map(toQueueConfig), agents: agents.map(toAgentConfig) }, now);
    for (const agent of agents) this.#remember(agent);
  }

  #remember(agent: Agent): void {
    this.#agents.set(agent.id, agent);
    this.#levels.set(agent.id, toAgentConfig(agent).skills);
  }

  /** The agent's team as configured now (supervisors act on their own team's calls). */
  teamOf(agentId: string): string | null {
    return this.#agents.get(agentId)?.teamId ?? null;
  }

  agentIds(): string[] {
    return [...this.#agents.keys()];
  }

  /** An agent's configuration (name, team, skills) as last loaded or changed. */
  agentConfig(agentId: string): Agent | undefined {
    return this.#agents.get(agentId);
  }

  /** Whether the agent has every skill the queue asks for, at the lowest level its expansion relaxes to. */
  canServe(agentId: string, queue: Queue): boolean {
    const levels = this.#levels.get(agentId);
    return levels !== undefined && queue.skills.every((s) => (levels[s.skillId] ?? 0) >= Math.min(s.minLevel, ...queue.expansion.map((e) => e.minLevel)));
  }

  /**
   * Called after a change from outside the calls' own flow (an agent's state, a phone registering,
   * a longer wrap-up, new configuration) that may let a waiting call be offered or moves the next
   * deadline: the one dispatcher acts on it.
   */
  onWorkAvailable(listener: () => void): void {
    this.#workListeners.push(listener);
  }

  #workAvailable(): void {
    for (const listener of this.#workListeners) listener();
  }

  /** Called after any change of an agent's live state or configuration. */
  onAgentChanged(listener: (agentId: string) => void): void {
    this.#agentListeners.push(listener);
  }

  /**
   * For each agent who could take this call by skill and is working: seconds until they are free
   * (0 when Ready; the rest of a handle time, at least half of one, when on a call or ringing; the end of a wrap-up).
   * Undefined when the router does not hold the call.
   */
  freeInSecs(callId: string, now: number, handleSecs: number): number[] | undefined {
    let qualified: AgentSnapshot[];
    try {
      qualified = this.acd.qualifiedAgents(callId, now);
    } catch (error) {
      if (error instanceof AcdError) return undefined;
      throw error;
    }
    const times: number[] = [];
    for (const agent of qualified) {
      if (agent.state === 'Ready' && agent.deviceRegistered) times.push(0);
      if (agent.state === 'WrapUp') times.push(Math.max(0, ((agent.wrapUpEndsAt ?? now) - now) / 1000));
      // A call already past the usual handle time is not about to end for certain: half a handle time is still expected.
      if (agent.state === 'Reserved' || agent.state === 'OnCall') times.push(Math.max(handleSecs / 2, handleSecs - (now - agent.since) / 1000));
    }
    return times;
  }

  /** A queue created or changed by an administrator; its waiting callers keep their places. */
  upsertQueue(queue: Queue, now: number): void {
    this.acd.upsertQueue(toQueueConfig(queue), now);
    this.#workAvailable();
  }

  /** An agent created or whose skills changed; a new agent starts logged out. */
  upsertAgent(agent: Agent, now: number): void {
    this.acd.upsertAgent(toAgentConfig(agent), now);
    this.#remember(agent);
    this.#changed(agent.id);
    this.#workAvailable();
  }

  enqueue(call: RouteInput, now: number): EnqueueOutcome {
    const result = this.acd.enqueue(call, now);
    return result.accepted ? result : { accepted: false, overflow: result.overflow.target };
  }

  holdPlace(callId: string, now: number): void {
    this.acd.holdPlace(callId, now);
  }

  position(callId: string): number | undefined {
    try {
      return this.acd.position(callId);
    } catch (error) {
      if (error instanceof AcdError) return undefined;
      throw error;
    }
  }

  explain(callId: string, now: number, listLimit?: number): RoutingExplanation | undefined {
    try {
      return this.acd.explain(callId, now, listLimit);
    } catch (error) {
      if (error instanceof AcdError) return undefined;
      throw error;
    }
  }

  offerTo(call: { id: string; queueId: string; priority: number }, agentId: string, now: number): RouteOffer {
    const offer = this.acd.offerTo(call, agentId, now);
    this.#keep(offer.interval);
    return routeOffer(offer);
  }

  restoreTalking(call: { id: string; queueId: string; priority: number }, agentId: string, now: number): boolean {
    try {
      // The agent's phone is on the call, so it is there whatever the last registration poll said.
      // Directly on the engine: a dispatch in between could give the agent another call.
      this.#keep(this.acd.setDeviceRegistered(agentId, true, now));
      if (this.agent(agentId)?.state !== 'Ready') this.#keep(this.acd.setAgentState(agentId, { state: 'Ready' }, now));
      this.offerTo(call, agentId, now);
      this.answered(call.id, now);
      return true;
    } catch (error) {
      if (error instanceof AcdError) {
        this.log.warn({ err: error.message, callId: call.id, agentId }, 'could not put a talking call back on its agent');
        return false;
      }
      throw error;
    }
  }

  takeForOutbound(call: { id: string; queueId: string; priority: number }, agentId: string, now: number): boolean {
    const state = this.agent(agentId)?.state;
    if (state !== 'Ready' && state !== 'NotReady') return false;
    try {
      // Directly on the engine, as restoreTalking: a dispatch in between could give the agent another call.
      if (state === 'NotReady') this.#keep(this.acd.setAgentState(agentId, { state: 'Ready' }, now));
      this.offerTo(call, agentId, now);
      return true;
    } catch (error) {
      if (error instanceof AcdError) return false;
      throw error;
    }
  }

  dispatch(now: number): RouteOffer[] {
    return this.acd.dispatch(now).map((offer) => {
      this.#keep(offer.interval);
      return routeOffer(offer);
    });
  }

  answered(callId: string, now: number): void {
    const interval = this.acd.answer(callId, now);
    this.#lastCall.set(interval.agentId, callId);
    this.#keep(interval);
  }

  /** Called when an agent's after-call work for a call ends (timer, ended early, or logged out). */
  onWrapUpEnded(listener: (wrapUp: { agentId: string; callId: string; secs: number }) => void): void {
    this.#wrapUpListeners.push(listener);
  }

  offerFailed(callId: string, now: number): void {
    this.#keep(this.acd.declineOffer(callId, now));
  }

  ended(call: { id: string; agentId: string | null; talked: boolean }, now: number): void {
    if (call.talked && call.agentId) {
      this.#keep(this.acd.endCall(call.agentId, now));
      // A queue without after-call work still gives the call a wrap-up time: zero.
      if (this.acd.agent(call.agentId).state !== 'WrapUp') {
        for (const listener of this.#wrapUpListeners) listener({ agentId: call.agentId, callId: call.id, secs: 0 });
      }
    } else this.#keep(this.acd.abandon(call.id, now));
  }

  /** A call the router holds but the calls no longer have (its end was lost): settled as ended, and its agent is free for work. */
  settleLost(call: { id: string; agentId: string | null; talked: boolean }, now: number): void {
    this.ended(call, now);
    this.#workAvailable();
  }

  expire(now: number) {
    const expired = this.acd.expire(now);
    for (const offer of expired.missedOffers) this.#keep(offer.interval);
    for (const interval of expired.wrapUpsEnded) this.#keep(interval);
    return {
      overflows: expired.overflows.map((o) => ({ callId: o.callId, target: o.target })),
      missedCallIds: expired.missedOffers.map((o) => o.callId),
    };
  }

  nextDeadline(): number | undefined {
    return this.acd.nextDeadline();
  }

  setAgentState(agentId: string, target: RequestedState, now: number): void {
    this.#keep(this.acd.setAgentState(agentId, target, now));
    this.#workAvailable();
  }

  extendWrapUp(agentId: string, seconds: number): number {
    const endsAt = this.acd.extendWrapUp(agentId, seconds);
    this.#changed(agentId);
    this.#workAvailable();
    return endsAt;
  }

  setDeviceRegistered(agentId: string, registered: boolean, now: number): void {
    this.#keep(this.acd.setDeviceRegistered(agentId, registered, now));
    this.#workAvailable();
  }

  /** Every agent as it stood at a past moment: `stored` are the stored intervals covering it; those not yet written are added here. */
  standingsAt(at: number, stored: readonly StateInterval[]): AgentStanding[] {
    const agents = [...this.#agents.keys()].map((id) => ({ skills: new Map(Object.entries(this.#levels.get(id) ?? {})), live: this.acd.agent(id) }));
    return standingsAt(at, [...stored, ...this.intervals.covering(at)], agents);
  }

  agent(agentId: string): AgentSnapshot | undefined {
    try {
      return this.acd.agent(agentId);
    } catch (error) {
      if (error instanceof AcdError) return undefined;
      throw error;
    }
  }

  #changed(agentId: string): void {
    for (const listener of this.#agentListeners) listener(agentId);
  }

  #keep(interval: StateInterval | undefined): void {
    if (!interval) return;
    this.#changed(interval.agentId);
    const callId = interval.state === 'WrapUp' ? this.#lastCall.get(interval.agentId) : undefined;
    if (callId) {
      const wrapUp = { agentId: interval.agentId, callId, secs: (interval.to - interval.from) / 1000 };
      for (const listener of this.#wrapUpListeners) listener(wrapUp);
    }
    if (interval.to === interval.from) return;
    this.intervals.add(interval);
  }
}
