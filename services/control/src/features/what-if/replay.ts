import { Acd, type Offer, type StateInterval } from '@hotline/acd';
import type { OverflowTarget } from '@hotline/contracts';
import type { CallOutcome, CallRecord } from '@hotline/kpi';
import { toAgentConfig, toQueueConfig } from '../routing/acd-config.js';
import { callPlans, type CallPlan } from './call-plan.js';
import { EventQueue } from './event-queue.js';
import type { EngineInterval } from './figures.js';
import type { Presence } from './presence.js';
import type { RecordedDay } from './recorded-day.js';
import type { Scenario } from './scenario.js';

/** What a replay predicts: one KPI call record per recorded call, and every agent state interval (the last ones open). */
export interface ReplayResult {
  calls: CallRecord[];
  intervals: EngineInterval[];
}

/** The not-ready reason the replay gives an agent who chose to be away (the reason does not route). */
const AWAY = 'other';

/** A recorded call as the replay plays it out. */
interface ReplayedCall {
  readonly plan: CallPlan;
  queueId: string;
  /** Counts offers, so an answer scheduled for an earlier offer is recognised as stale. */
  offers: number;
  agentId?: string;
  offeredAt?: number;
  answeredAt?: number;
  endedAt?: number;
  outcome?: CallOutcome;
  wrapUpSeconds: number;
}

type ReplayEvent =
  | { kind: 'arrival' | 'gives-up' | 'hangs-up'; call: ReplayedCall }
  | { kind: 'answer'; call: ReplayedCall; offer: number }
  | { kind: 'wrap-up-done'; call: ReplayedCall; agentId: string }
  | { kind: 'presence'; agentId: string; presence: Presence };

/**
 * A discrete-event replay through the routing engine itself: callers arrive at their recorded
 * times, give up at their recorded patience, agents come and go as their recorded presence says,
 * and everything in between (who gets which call, when, ring timeouts, overflows, wrap-up timers,
 * skill expansion) is the engine's decision under the scenario's rules.
 */
class Replay {
  private readonly acd: Acd;
  private readonly events = new EventQueue<ReplayEvent>();
  private readonly calls: ReplayedCall[];
  private readonly byId = new Map<string, ReplayedCall>();
  /** The call each agent holds (reserved, talking or wrapping up). */
  private readonly holding = new Map<string, ReplayedCall>();
  private readonly wanted = new Map<string, Presence>();
  private readonly ringTimeoutMs: Map<string, number>;
  private readonly intervals: EngineInterval[] = [];

  constructor(day: RecordedDay, scenario: Scenario, patience: ReadonlyMap<string, number> | undefined) {
    const start = day.period.start;
    this.acd = new Acd({ queues: scenario.queues.map(toQueueConfig), agents: scenario.agents.map(toAgentConfig) }, start);
    this.ringTimeoutMs = new Map(scenario.queues.map((queue) => [queue.id, queue.ringTimeoutSecs * 1000]));
    for (const agent of scenario.agents) {
      // Softphones are taken as registered: an offline phone shows in the timeline as Not ready.
      this.acd.setDeviceRegistered(agent.id, true, start);
      this.wanted.set(agent.id, 'logged-out');
      for (const change of scenario.presence.get(agent.id) ?? []) {
        this.events.add(Math.max(start, change.at), { kind: 'presence', agentId: agent.id, presence: change.presence });
      }
    }
    this.calls = callPlans(day, patience).map((plan) => ({ plan, queueId: plan.entryQueueId, offers: 0, wrapUpSeconds: 0 }));
    for (const call of this.calls) {
      this.byId.set(call.plan.id, call);
      this.events.add(call.plan.arrivesAt, { kind: 'arrival', call });
      if (call.plan.patienceMs !== Infinity) this.events.add(call.plan.arrivesAt + call.plan.patienceMs, { kind: 'gives-up', call });
    }
  }

  run(): ReplayResult {
    for (let now = this.next(); now !== undefined; now = this.next()) {
      this.expire(now);
      for (let event = this.events.popDue(now); event !== undefined; event = this.events.popDue(now)) this.handle(event, now);
      for (const offer of this.acd.dispatch(now)) this.offered(offer, now);
    }
    const open = [...this.wanted.keys()].map((agentId) => ({ agentId, state: this.acd.agent(agentId).state, from: this.acd.agent(agentId).since, to: null }));
    return { calls: this.calls.map(toCallRecord), intervals: [...this.intervals, ...open] };
  }

  private next(): number | undefined {
    const times = [this.events.nextAt(), this.acd.nextDeadline()].filter((at) => at !== undefined);
    return times.length === 0 ? undefined : Math.min(...times);
  }

  private expire(now: number): void {
    if ((this.acd.nextDeadline() ?? Infinity) > now) return;
    const { overflows, missedOffers, wrapUpsEnded } = this.acd.expire(now);
    for (const missed of missedOffers) {
      this.keep(missed.interval);
      this.callOf(missed.callId).agentId = undefined;
      this.release(missed.agentId, now);
    }
    for (const interval of wrapUpsEnded) {
      this.keep(interval);
      this.release(interval.agentId, now);
    }
    for (const overflow of overflows) this.overflow(this.callOf(overflow.callId), overflow.target, now);
  }

  private handle(event: ReplayEvent, now: number): void {
    switch (event.kind) {
      case 'arrival': {
        const { call } = event;
        const result = this.acd.enqueue({ id: call.plan.id, queueId: call.queueId, priority: call.plan.priority }, now);
        if (!result.accepted) this.overflow(call, result.overflow.target, now);
        return;
      }
      case 'gives-up':
        return this.givesUp(event.call, now);
      case 'answer':
        if (event.offer !== event.call.offers || event.call.outcome !== undefined) return;
        this.keep(this.acd.answer(event.call.plan.id, now));
        event.call.answeredAt = now;
        this.events.add(now + event.call.plan.talkMs, { kind: 'hangs-up', call: event.call });
        return;
      case 'hangs-up':
        return this.hangsUp(event.call, now);
      case 'wrap-up-done':
        if (this.holding.get(event.agentId) !== event.call || this.acd.agent(event.agentId).state !== 'WrapUp') return;
        this.keep(this.acd.setAgentState(event.agentId, { state: 'Ready' }, now));
        return this.release(event.agentId, now);
      case 'presence':
        this.wanted.set(event.agentId, event.presence);
        return this.settle(event.agentId, now);
    }
  }

  private offered(offer: Offer, now: number): void {
    this.keep(offer.interval);
    const call = this.callOf(offer.callId);
    call.offers += 1;
    call.agentId = offer.agentId;
    call.offeredAt = now;
    this.holding.set(offer.agentId, call);
    // An answer slower than the ring timeout never comes: the engine's timer takes the offer back.
    if (call.plan.ringMs < (this.ringTimeoutMs.get(call.queueId) ?? Infinity)) {
      this.events.add(now + call.plan.ringMs, { kind: 'answer', call, offer: call.offers });
    }
  }

  /** The caller's patience ran out while waiting or ringing. */
  private givesUp(call: ReplayedCall, now: number): void {
    if (call.outcome !== undefined || call.answeredAt !== undefined) return;
    const ringing = call.agentId;
    const interval = this.acd.abandon(call.plan.id, now);
    this.finish(call, 'abandoned', now);
    if (interval !== undefined && ringing !== undefined) {
      this.keep(interval);
      this.release(ringing, now);
    }
  }

  private hangsUp(call: ReplayedCall, now: number): void {
    const agentId = call.agentId as string;
    this.keep(this.acd.endCall(agentId, now));
    this.finish(call, 'answered', now);
    const wrapUpEndsAt = this.acd.agent(agentId).wrapUpEndsAt;
    if (wrapUpEndsAt === undefined) return this.release(agentId, now);
    // Agents keep their habit: ending wrap-up as much earlier, or extending it as much, as they did.
    const adjustMs = call.plan.wrapUpAdjustMs;
    if (adjustMs > 0) this.acd.extendWrapUp(agentId, adjustMs / 1000);
    else if (adjustMs < 0) this.events.add(Math.max(now, wrapUpEndsAt + adjustMs), { kind: 'wrap-up-done', call, agentId });
  }

  /** Max wait, a full queue: on to the target queue, or out to voicemail or a goodbye. */
  private overflow(call: ReplayedCall, target: OverflowTarget, now: number): void {
    if (target.kind === 'queue') {
      call.queueId = target.queueId;
      if (this.acd.enqueue({ id: call.plan.id, queueId: target.queueId, priority: call.plan.priority }, now).accepted) return;
    }
    this.finish(call, target.kind === 'voicemail' ? 'voicemail' : 'overflowed', now);
  }

  private finish(call: ReplayedCall, outcome: CallOutcome, now: number): void {
    call.outcome = outcome;
    call.endedAt = now;
  }

  /** The agent's call is settled; now do what the agent chose meanwhile. */
  private release(agentId: string, now: number): void {
    this.holding.delete(agentId);
    this.settle(agentId, now);
  }

  /** Brings a free agent to the presence they chose; a call in hand (and its wrap-up) is finished first. */
  private settle(agentId: string, now: number): void {
    const { state, reason } = this.acd.agent(agentId);
    if (state === 'Reserved' || state === 'OnCall' || state === 'WrapUp') return;
    const wanted = this.wanted.get(agentId);
    if (wanted === 'available' && state !== 'Ready') this.keep(this.acd.setAgentState(agentId, { state: 'Ready' }, now));
    if (wanted === 'not-ready' && (state !== 'NotReady' || reason !== AWAY)) this.keep(this.acd.setAgentState(agentId, { state: 'NotReady', reason: AWAY }, now));
    if (wanted === 'logged-out' && state !== 'LoggedOut') this.keep(this.acd.setAgentState(agentId, { state: 'LoggedOut' }, now));
  }

  /** Every closed interval is kept; a closing wrap-up is also its call's wrap-up time. */
  private keep(interval: StateInterval): void {
    this.intervals.push(interval);
    const call = this.holding.get(interval.agentId);
    if (interval.state === 'WrapUp' && call !== undefined) call.wrapUpSeconds = (interval.to - interval.from) / 1000;
  }

  private callOf(callId: string): ReplayedCall {
    return this.byId.get(callId) as ReplayedCall;
  }
}

function toCallRecord(call: ReplayedCall): CallRecord {
  const { plan, answeredAt, endedAt, outcome } = call;
  if (outcome === undefined || endedAt === undefined) throw new Error(`replay left call ${plan.id} unfinished`);
  const answered = answeredAt !== undefined;
  return {
    queueId: call.queueId,
    agentId: answered ? (call.agentId ?? null) : null,
    customerNumber: null,
    enqueuedAt: plan.arrivesAt,
    answeredAt: answeredAt ?? null,
    endedAt,
    outcome,
    waitSeconds: ((answeredAt ?? endedAt) - plan.arrivesAt) / 1000,
    ringSeconds: answered ? (answeredAt - (call.offeredAt as number)) / 1000 : 0,
    talkSeconds: answered ? (endedAt - answeredAt) / 1000 : 0,
    holdSeconds: answered ? plan.holdSeconds : 0,
    wrapUpSeconds: call.wrapUpSeconds,
    survey: null,
    surveyOffered: false,
  };
}

/**
 * Replays the recorded day's calls under the scenario's rules and staffing. `patience` replaces
 * each call's patience, by id (the benchmark sets patience models side by side with it).
 */
export function replay(day: RecordedDay, scenario: Scenario, patience?: ReadonlyMap<string, number>): ReplayResult {
  return new Replay(day, scenario, patience).run();
}
