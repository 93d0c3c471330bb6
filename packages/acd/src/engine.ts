import { DEVICE_OFFLINE, MISSED_CALL, transition } from './agent-state.js';
import type { StateTarget } from './agent-state.js';
import { resolveAgentSkills, resolveQueue, resolveReasons } from './config.js';
import type { ResolvedQueue } from './config.js';
import { AcdError, InvalidTransitionError } from './errors.js';
import { explainRouting, offerRationale, type RoutingExplanation } from './explain.js';
import { MinHeap } from './min-heap.js';
import { QueueReadyAgents, pickAmong } from './ready-agents.js';
import { agentSnapshot, byRank, callSnapshot } from './records.js';
import type { AgentRecord, CallRecord, Deadline, QueueRecord } from './records.js';
import { covers, nextExpansionAfter, qualifies } from './skill-thresholds.js';
import { TimerQueue } from './timer-queue.js';
import type { Timer } from './timer-queue.js';
import type {
  AcdConfig,
  AgentConfig,
  AgentId,
  AgentSnapshot,
  CallId,
  CallInput,
  CallSnapshot,
  EnqueueResult,
  Expired,
  Offer,
  OverflowDecision,
  QueueConfig,
  QueueId,
  RoutedOffer,
  SkillId,
  StateInterval,
} from './types.js';
import { WaitingCalls } from './waiting-calls.js';

/** The states an agent or supervisor may ask for; the rest follow from calls. */
export type RequestedState = { readonly state: 'Ready' } | { readonly state: 'NotReady'; readonly reason: string } | { readonly state: 'LoggedOut' };

function uniqueIds(kind: string, items: readonly { readonly id: string }[]): Set<string> {
  const ids = new Set<string>();
  for (const { id } of items) {
    if (ids.has(id)) throw new AcdError('INVALID_CONFIG', `${kind} ${id}: id repeats`);
    ids.add(id);
  }
  return ids;
}

function overflowOf(callId: CallId, queue: QueueRecord, reason: OverflowDecision['reason']): OverflowDecision {
  return { callId, queueId: queue.config.id, reason, target: queue.config.overflow };
}

function offerOf(call: CallRecord, agent: AgentRecord, interval: StateInterval): Offer {
  return { callId: call.id, agentId: agent.id, queueId: call.queue.config.id, interval };
}

function queueRecord(config: ResolvedQueue): QueueRecord {
  return { config, waiting: new WaitingCalls(), roster: new Set(), ready: new QueueReadyAgents(config) };
}

function checkOverflowTarget(queue: ResolvedQueue, known: { has(id: QueueId): boolean }): void {
  if (queue.overflow.kind === 'queue' && !known.has(queue.overflow.queueId)) {
    throw new AcdError('INVALID_CONFIG', `queue ${queue.id}: overflow.queueId names unknown queue ${queue.overflow.queueId}`);
  }
}

function cancel(timer: Timer<unknown> | undefined): void {
  if (timer !== undefined) timer.cancelled = true;
}

export class Acd {
  private readonly reasons: ReadonlySet<string>;
  private readonly agents = new Map<AgentId, AgentRecord>();
  private readonly queues = new Map<QueueId, QueueRecord>();
  /** Calls waiting or ringing an agent; an answered call lives on only in its agent's record. */
  private readonly calls = new Map<CallId, CallRecord>();
  /** Queues by their first required skill: every agent who can serve a queue has that skill. */
  private queuesBySkill = new Map<SkillId, QueueRecord[]>();
  private readonly deadlines = new TimerQueue<Deadline>();
  private readonly expansions = new TimerQueue<CallRecord>();
  // What changed since the last dispatch. Every other waiting call already had no Ready agent
  // able to take it, so dispatch only has to look from these.
  private readonly pendingCalls = new Set<CallRecord>();
  private readonly pendingAgents = new Set<AgentRecord>();
  private latest = -Infinity;

  constructor(config: AcdConfig, now: number) {
    this.advanceClock(now);
    this.reasons = resolveReasons(config.notReadyReasons);
    const queues = config.queues.map(resolveQueue);
    const ids = uniqueIds('queue', queues);
    uniqueIds('agent', config.agents);
    for (const queue of queues) {
      checkOverflowTarget(queue, ids);
      this.queues.set(queue.id, queueRecord(queue));
    }
    this.reindex();
    for (const agent of config.agents) this.upsertAgent(agent, now);
  }

  // ── configuration ──────────────────────────────────────────────────────────

  /** Adds a queue or replaces its configuration; its waiting calls keep their places. */
  upsertQueue(config: QueueConfig, now: number): void {
    this.advanceClock(now);
    const resolved = resolveQueue(config);
    checkOverflowTarget(resolved, this.queues);
    const existing = this.queues.get(resolved.id);
    if (existing === undefined) {
      this.queues.set(resolved.id, queueRecord(resolved));
    } else {
      existing.config = resolved;
      for (const call of existing.waiting) {
        this.cancelWaitTimers(call);
        this.scheduleWaitTimers(call, now);
        this.pendingCalls.add(call);
      }
    }
    this.reindex();
  }

  /** Adds an agent (logged out, device unregistered) or replaces its skills. */
  upsertAgent(config: AgentConfig, now: number): void {
    this.advanceClock(now);
    const skills = resolveAgentSkills(config);
    const agent = this.agents.get(config.id);
    if (agent === undefined) {
      const created: AgentRecord = { id: config.id, skills, queues: [], status: { state: 'LoggedOut', since: now }, registered: false, idleSince: now };
      this.agents.set(config.id, created);
      this.enrol(created);
      return;
    }
    const ready = agent.status.state === 'Ready';
    if (ready) this.leaveReady(agent);
    for (const queue of agent.queues) queue.roster.delete(agent);
    agent.skills = skills;
    this.enrol(agent);
    if (ready) {
      this.joinReady(agent);
      this.pendingAgents.add(agent);
    }
  }

  // ── calls ──────────────────────────────────────────────────────────────────

  /** Puts a call in line, or refuses it with the queue's overflow target when the queue is full. */
  enqueue(input: CallInput, now: number): EnqueueResult {
    this.advanceClock(now);
    const call = this.newCall(input, now);
    const { queue } = call;
    if (queue.waiting.size >= queue.config.maxWaiting) return { accepted: false, overflow: overflowOf(input.id, queue, 'queue-full') };
    this.calls.set(call.id, call);
    this.putInLine(call, now);
    return { accepted: true, position: queue.waiting.position(call) };
  }

  /**
   * A call for one agent (a blind transfer to them): offered at once, reserving the agent, who
   * must be Ready (else AGENT_NOT_READY). Not answered, it waits in its queue like any other call,
   * from the time it arrived.
   */
  offerTo(input: CallInput, agentId: AgentId, now: number): RoutedOffer {
    this.advanceClock(now);
    const agent = this.agentRecord(agentId);
    if (agent.status.state !== 'Ready') throw new AcdError('AGENT_NOT_READY', `agent ${agentId} is ${agent.status.state}, not Ready`);
    const call = this.newCall(input, now);
    this.calls.set(call.id, call);
    return this.offer(call, agent, now);
  }

  /** The caller hung up while waiting or ringing; a ringing agent goes back to Ready, still as idle as before. */
  abandon(callId: CallId, now: number): StateInterval | undefined {
    this.advanceClock(now);
    const call = this.callRecord(callId);
    this.calls.delete(callId);
    const agent = call.agent;
    if (agent === undefined) {
      this.takeOutOfLine(call);
      return undefined;
    }
    cancel(call.ring);
    return this.becomeAvailable(agent, now, agent.idleSince);
  }

  /**
   * The caller left the line asking to be called back: the call keeps its place (neither boosted
   * nor starved) and no longer overflows on max wait, since nobody is waiting on the phone.
   */
  holdPlace(callId: CallId, now: number): void {
    this.advanceClock(now);
    const call = this.callRecord(callId);
    call.holdsPlace = true;
    cancel(call.overflow);
    call.overflow = undefined;
  }

  /** The offered agent picked up. */
  answer(callId: CallId, now: number): StateInterval {
    this.advanceClock(now);
    const agent = this.offeredAgent(callId);
    const call = agent.call as CallRecord;
    cancel(call.ring);
    this.calls.delete(callId);
    return this.move(agent, { state: 'OnCall' }, now);
  }

  /** The agent refused or the leg failed: same as ring-no-answer. */
  declineOffer(callId: CallId, now: number): StateInterval {
    this.advanceClock(now);
    const agent = this.offeredAgent(callId);
    return this.missOffer(agent.call as CallRecord, now).interval;
  }

  /** The talk ended: wrap-up for the call's queue, or straight back to Ready when it has none. */
  endCall(agentId: AgentId, now: number): StateInterval {
    this.advanceClock(now);
    const agent = this.agentRecord(agentId);
    if (agent.status.state !== 'OnCall') throw new InvalidTransitionError(agentId, agent.status.state, 'WrapUp');
    const wrapUpMs = (agent.call as CallRecord).queue.config.wrapUpMs;
    if (wrapUpMs === 0) return this.becomeAvailable(agent, now);
    const interval = this.move(agent, { state: 'WrapUp' }, now);
    agent.wrapUp = this.deadlines.schedule(now + wrapUpMs, { kind: 'wrap-up', agent });
    return interval;
  }

  // ── agents ─────────────────────────────────────────────────────────────────

  /**
   * Log in or out, go Ready or NotReady, or end wrap-up early. A call in hand (Reserved, OnCall)
   * is settled through answer, declineOffer or endCall instead.
   */
  setAgentState(agentId: AgentId, target: RequestedState, now: number): StateInterval {
    this.advanceClock(now);
    const agent = this.agentRecord(agentId);
    const from = agent.status.state;
    if (target.state === 'NotReady' && !this.reasons.has(target.reason)) {
      throw new AcdError('UNKNOWN_REASON', `'${target.reason}' is not a not-ready reason`);
    }
    if (from === 'Reserved' || from === 'OnCall') throw new InvalidTransitionError(agentId, from, target.state);
    if (target.state === 'Ready' && !agent.registered) throw new AcdError('DEVICE_OFFLINE', `agent ${agentId}: softphone is not registered`);
    return this.move(agent, target, now);
  }

  /** Softphone registration: a Ready agent whose device drops is parked until it comes back. */
  setDeviceRegistered(agentId: AgentId, registered: boolean, now: number): StateInterval | undefined {
    this.advanceClock(now);
    const agent = this.agentRecord(agentId);
    if (agent.registered === registered) return undefined;
    agent.registered = registered;
    const { state, reason } = agent.status;
    if (!registered && state === 'Ready') return this.move(agent, { state: 'NotReady', reason: DEVICE_OFFLINE }, now);
    if (registered && state === 'NotReady' && reason === DEVICE_OFFLINE) return this.move(agent, { state: 'Ready' }, now);
    return undefined;
  }

  /** Adds seconds to a running wrap-up; returns when it now ends. */
  extendWrapUp(agentId: AgentId, seconds: number): number {
    const agent = this.agentRecord(agentId);
    if (agent.wrapUp === undefined) throw new InvalidTransitionError(agentId, agent.status.state, 'WrapUp');
    if (!Number.isFinite(seconds) || seconds <= 0) throw new AcdError('INVALID_ARGUMENT', 'seconds must be a positive number');
    cancel(agent.wrapUp);
    agent.wrapUp = this.deadlines.schedule(agent.wrapUp.at + seconds * 1000, { kind: 'wrap-up', agent });
    return agent.wrapUp.at;
  }

  // ── time ───────────────────────────────────────────────────────────────────

  /**
   * Applies everything due by `now`, in time order: calls past their queue's max wait overflow,
   * unanswered offers go back to the head of their queue (agent NotReady 'missed call'), and
   * finished wrap-ups return agents to Ready.
   */
  expire(now: number): Expired {
    this.advanceClock(now);
    const expired: Expired = { overflows: [], missedOffers: [], wrapUpsEnded: [] };
    for (let timer = this.deadlines.popDue(now); timer !== undefined; timer = this.deadlines.popDue(now)) {
      const deadline = timer.payload;
      if (deadline.kind === 'overflow') {
        this.calls.delete(deadline.call.id);
        this.takeOutOfLine(deadline.call);
        expired.overflows.push(overflowOf(deadline.call.id, deadline.call.queue, 'max-wait'));
      } else if (deadline.kind === 'ring') {
        expired.missedOffers.push(this.missOffer(deadline.call, now));
      } else {
        expired.wrapUpsEnded.push(this.becomeAvailable(deadline.agent, now));
      }
    }
    return expired;
  }

  /** When expire or dispatch next has work (a deadline or a skill expansion), if ever. */
  nextDeadline(): number | undefined {
    const times = [this.deadlines.nextAt(), this.expansions.nextAt()].filter((at) => at !== undefined);
    return times.length === 0 ? undefined : Math.min(...times);
  }

  // ── routing ────────────────────────────────────────────────────────────────

  /**
   * Matches waiting calls with Ready agents. Calls are served in cross-queue rank order, each
   * taking the agent its queue's strategy prefers; an offer reserves the agent and the call
   * together. Only what changed since the last dispatch is examined.
   */
  dispatch(now: number): RoutedOffer[] {
    this.advanceClock(now);
    this.markExpandedCalls(now);
    // Calls that changed may suit any Ready agent. Any other call can only suit an agent that
    // changed, so for those the few changed agents are checked directly instead of the index.
    const changedCalls = new Set(this.pendingCalls);
    const changedAgents = [...this.pendingAgents].filter((agent) => agent.status.state === 'Ready');
    this.pendingCalls.clear();
    this.pendingAgents.clear();
    const candidates = new MinHeap<CallRecord>(byRank);
    for (const call of changedCalls) candidates.push(call);
    for (const agent of changedAgents) this.pushCallsServableBy(agent, now, candidates);

    const offers: RoutedOffer[] = [];
    const tried = new Set<CallRecord>();
    for (let call = candidates.pop(); call !== undefined; call = candidates.pop()) {
      if (tried.has(call) || call.agent !== undefined) continue;
      tried.add(call);
      const { config } = call.queue;
      const waitMs = now - call.enqueuedAt;
      const agent = changedCalls.has(call)
        ? call.queue.ready.select(waitMs)
        : pickAmong(changedAgents.filter((candidate) => candidate.status.state === 'Ready'), config, waitMs);
      if (agent === undefined) continue; // and nobody behind it in its band can be served either
      const next = this.takeOutOfLine(call);
      if (next !== undefined) candidates.push(next);
      offers.push(this.offer(call, agent, now));
    }
    return offers;
  }

  // ── reading ────────────────────────────────────────────────────────────────

  agent(agentId: AgentId): AgentSnapshot {
    return agentSnapshot(this.agentRecord(agentId));
  }

  call(callId: CallId): CallSnapshot {
    return callSnapshot(this.callRecord(callId));
  }

  /** Every agent's standing for the call now: who could take it, in order, and why each other agent cannot (lists capped at `listLimit`). */
  explain(callId: CallId, now: number, listLimit?: number): RoutingExplanation {
    return explainRouting(this.callRecord(callId), this.agents.values(), now, listLimit);
  }

  /** The agents who could take the call at its wait now by skill, in any state (from the queue's roster, not every agent). */
  qualifiedAgents(callId: CallId, now: number): AgentSnapshot[] {
    const call = this.callRecord(callId);
    const waitMs = now - call.enqueuedAt;
    const qualified: AgentSnapshot[] = [];
    for (const agent of call.queue.roster) if (qualifies(agent.skills, call.queue.config, waitMs)) qualified.push(agentSnapshot(agent));
    return qualified;
  }

  /** A queue's waiting calls in the order they will be served (ringing calls excluded). */
  waitingCalls(queueId: QueueId): CallSnapshot[] {
    return [...this.queueRecord(queueId).waiting].map(callSnapshot);
  }

  /** 1-based place in line, or undefined while the call rings an agent. */
  position(callId: CallId): number | undefined {
    const call = this.callRecord(callId);
    return call.agent === undefined ? call.queue.waiting.position(call) : undefined;
  }

  // ── internals ──────────────────────────────────────────────────────────────

  private advanceClock(now: number): void {
    if (!Number.isFinite(now)) throw new AcdError('INVALID_ARGUMENT', 'now must be a finite number of milliseconds');
    if (now < this.latest) throw new AcdError('TIME_WENT_BACKWARDS', `now ${now} is before ${this.latest}`);
    this.latest = now;
  }

  /** The single place agent state changes, so the Ready index always mirrors the states. */
  private move(agent: AgentRecord, target: StateTarget, now: number, idleSince = now): StateInterval {
    const { status, interval } = transition(agent.id, agent.status, target, now);
    if (agent.status.state === 'Ready') this.leaveReady(agent);
    cancel(agent.wrapUp);
    agent.wrapUp = undefined;
    agent.status = status;
    if (status.state === 'Ready' || status.state === 'NotReady' || status.state === 'LoggedOut') agent.call = undefined;
    if (status.state === 'Ready') {
      agent.idleSince = idleSince;
      this.joinReady(agent);
      this.pendingAgents.add(agent);
    }
    return interval;
  }

  private joinReady(agent: AgentRecord): void {
    for (const queue of agent.queues) queue.ready.add(agent);
  }

  private leaveReady(agent: AgentRecord): void {
    for (const queue of agent.queues) queue.ready.remove(agent);
  }

  /** Puts the agent on the roster of every queue whose skills it all has (and in its Ready index when Ready). */
  private enrol(agent: AgentRecord): void {
    agent.queues = [];
    for (const skill of agent.skills.keys()) {
      for (const queue of this.queuesBySkill.get(skill) ?? []) {
        if (!covers(agent.skills, queue.config)) continue;
        agent.queues.push(queue);
        queue.roster.add(agent);
      }
    }
  }

  /** Ready, unless the softphone is gone: then parked until it registers again. */
  private becomeAvailable(agent: AgentRecord, now: number, idleSince = now): StateInterval {
    const target: StateTarget = agent.registered ? { state: 'Ready' } : { state: 'NotReady', reason: DEVICE_OFFLINE };
    return this.move(agent, target, now, idleSince);
  }

  private offer(call: CallRecord, agent: AgentRecord, now: number): RoutedOffer {
    call.agent = agent;
    const rationale = offerRationale(call, agent, now);
    call.ring = this.deadlines.schedule(now + call.queue.config.ringTimeoutMs, { kind: 'ring', call });
    const interval = this.move(agent, { state: 'Reserved' }, now);
    agent.call = call;
    return { ...offerOf(call, agent, interval), rationale };
  }

  /** The call returns to its old place in line (its enqueue time is kept); the agent is parked. */
  private missOffer(call: CallRecord, now: number): Offer {
    const agent = call.agent as AgentRecord;
    cancel(call.ring);
    call.agent = undefined;
    this.putInLine(call, now);
    return offerOf(call, agent, this.move(agent, { state: 'NotReady', reason: MISSED_CALL }, now));
  }

  private newCall(input: CallInput, now: number): CallRecord {
    if (typeof input.id !== 'string' || input.id === '') throw new AcdError('INVALID_ARGUMENT', 'call.id must be a non-empty string');
    const priority = input.priority ?? 0;
    if (!Number.isFinite(priority)) throw new AcdError('INVALID_ARGUMENT', `call ${input.id}: priority must be a finite number`);
    if (this.calls.has(input.id)) throw new AcdError('DUPLICATE_CALL', `call ${input.id} is already queued`);
    const since = input.waitingSince ?? now;
    if (!Number.isFinite(since) || since > now) throw new AcdError('INVALID_ARGUMENT', `call ${input.id}: waitingSince must be a time no later than now`);
    return { id: input.id, queue: this.queueRecord(input.queueId), priority, enqueuedAt: since, holdsPlace: input.holdsPlace ?? false };
  }

  private putInLine(call: CallRecord, now: number): void {
    call.queue.waiting.add(call);
    this.scheduleWaitTimers(call, now);
    this.pendingCalls.add(call);
  }

  /** Returns the call that moved up into its place in the band. */
  private takeOutOfLine(call: CallRecord): CallRecord | undefined {
    this.cancelWaitTimers(call);
    this.pendingCalls.delete(call);
    return call.queue.waiting.remove(call);
  }

  private scheduleWaitTimers(call: CallRecord, now: number): void {
    const { maxWaitMs } = call.queue.config;
    if (maxWaitMs !== Infinity && !call.holdsPlace) call.overflow = this.deadlines.schedule(call.enqueuedAt + maxWaitMs, { kind: 'overflow', call });
    this.scheduleExpansion(call, now);
  }

  /** Calls whose skill thresholds dropped by `now` count as changed. */
  private markExpandedCalls(now: number): void {
    for (let timer = this.expansions.popDue(now); timer !== undefined; timer = this.expansions.popDue(now)) {
      this.pendingCalls.add(timer.payload);
      this.scheduleExpansion(timer.payload, now);
    }
  }

  private scheduleExpansion(call: CallRecord, now: number): void {
    const after = nextExpansionAfter(call.queue.config, now - call.enqueuedAt);
    call.expansion = after === undefined ? undefined : this.expansions.schedule(call.enqueuedAt + after, call);
  }

  private cancelWaitTimers(call: CallRecord): void {
    cancel(call.overflow);
    cancel(call.expansion);
    call.overflow = call.expansion = undefined;
  }

  /** Heads of the bands this agent can serve now; calls behind a head are never easier to serve. */
  private pushCallsServableBy(agent: AgentRecord, now: number, candidates: MinHeap<CallRecord>): void {
    for (const queue of agent.queues) {
      for (const head of queue.waiting.heads()) {
        if (qualifies(agent.skills, queue.config, now - head.enqueuedAt)) candidates.push(head);
      }
    }
  }

  /** After a queue's skills may have changed: every roster and Ready index built again. */
  private reindex(): void {
    this.queuesBySkill = new Map();
    for (const queue of this.queues.values()) {
      queue.roster = new Set();
      queue.ready = new QueueReadyAgents(queue.config);
      const first = (queue.config.skills[0] as ResolvedQueue['skills'][number]).skill;
      const queues = this.queuesBySkill.get(first);
      if (queues === undefined) this.queuesBySkill.set(first, [queue]);
      else queues.push(queue);
    }
    for (const agent of this.agents.values()) {
      this.enrol(agent);
      if (agent.status.state === 'Ready') this.joinReady(agent);
    }
  }

  private agentRecord(agentId: AgentId): AgentRecord {
    const agent = this.agents.get(agentId);
    if (agent === undefined) throw new AcdError('UNKNOWN_AGENT', `no agent ${agentId}`);
    return agent;
  }

  private queueRecord(queueId: QueueId): QueueRecord {
    const queue = this.queues.get(queueId);
    if (queue === undefined) throw new AcdError('UNKNOWN_QUEUE', `no queue ${queueId}`);
    return queue;
  }

  private callRecord(callId: CallId): CallRecord {
    const call = this.calls.get(callId);
    if (call === undefined) throw new AcdError('UNKNOWN_CALL', `no waiting or ringing call ${callId}`);
    return call;
  }

  private offeredAgent(callId: CallId): AgentRecord {
    const agent = this.callRecord(callId).agent;
    if (agent === undefined) throw new AcdError('CALL_NOT_OFFERED', `call ${callId} is waiting, not offered`);
    return agent;
  }
}
