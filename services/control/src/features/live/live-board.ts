import { isDetractor, type CallChange, type LiveAgent, type LiveAgentState, type LiveAlert, type LiveQueueFigures, type LiveSnapshot, type Queue } from '@hotline/contracts';
import type { VoicemailMessage } from '@hotline/contracts/api/voicemails';
import type { LiveCall } from '../calls/live-calls.js';
import type { SurveyResult } from '../calls/survey-ivr.js';
import type { RoutingService } from '../routing/routing-service.js';
import { ALERT_WINDOW_MS, AlertBoard, evaluateAlerts } from './alerts.js';
import { CallFigures, startOfDay } from './call-figures.js';
import type { Scope } from './scope.js';
import type { StreamHub } from './stream-hub.js';
import { endedCallRecord, liveAgent, liveCallView } from './views.js';

const WAITING = new Set(['greeting', 'waiting', 'ringing']);
/** A caller on the line waiting for an agent; a booked callback is counted on its own (nobody is on the phone). */
const onTheLine = (c: LiveCall) => WAITING.has(c.state) && c.callback === null;
const callbackPending = (c: LiveCall) => c.callback !== null && c.state !== 'talking' && c.state !== 'ended';
/** A detractor alert stays on the board this long. */
const DETRACTOR_ALERT_MS = 30 * 60_000;
/** A new voicemail message's alert stays until someone takes the message, or this long. */
const VOICEMAIL_ALERT_MS = 2 * 60 * 60_000;
/** How long each one-off alert (raised by an event, not by a condition that holds) stays on the board. */
const ONE_OFF_ALERT_MS: Partial<Record<LiveAlert['kind'], number>> = { detractor: DETRACTOR_ALERT_MS, voicemail: VOICEMAIL_ALERT_MS };

export interface LiveBoardDeps {
  router: RoutingService;
  queues(): Queue[];
  calls(): LiveCall[];
  figures: CallFigures;
  hub: StreamHub;
  now?: () => number;
}

/**
 * The live picture of the contact center: turns router and call-flow changes into stream deltas,
 * keeps queue figures (coalesced: recomputed at most once per flush) and raises alerts.
 */
export class LiveBoard {
  readonly alerts = new AlertBoard();
  readonly #dirtyQueues = new Set<string>();
  readonly #now: () => number;

  constructor(private readonly deps: LiveBoardDeps) {
    this.#now = deps.now ?? Date.now;
  }

  snapshot(scope: Scope): LiveSnapshot {
    const agents = this.#agents();
    return {
      type: 'snapshot',
      at: this.#now(),
      agents: agents.filter((a) => scope.agent(a)),
      queues: this.deps.queues().map((q) => this.queueFigures(q, agents)),
      calls: this.deps.calls().filter((c) => c.state !== 'ended').map(liveCallView).filter((c) => scope.call(c)),
      alerts: this.alerts.list().filter((a) => scope.alert(a)),
    };
  }

  agentChanged(agentId: string): void {
    const config = this.deps.router.agentConfig(agentId);
    if (!config) return;
    this.deps.hub.publish({ type: 'agent', agent: liveAgent(config, this.deps.router.agent(agentId)) });
    for (const queue of this.deps.queues()) if (this.deps.router.canServe(agentId, queue)) this.#dirtyQueues.add(queue.id);
  }

  callChanged(call: LiveCall, change: CallChange): void {
    if (change === 'announced') return;
    this.deps.hub.publish({ type: 'call', change, call: liveCallView(call) });
    if (change === 'ended') {
      const record = endedCallRecord(call);
      if (record) this.deps.figures.add(record);
    }
    this.#dirtyQueues.add(call.queueId);
  }

  surveyed({ call, scale, score }: SurveyResult): void {
    const detractor = score !== null && isDetractor(scale, score);
    this.deps.hub.publish({ type: 'survey', survey: { callId: call.id, agentId: call.agentId, queueId: call.queueId, scale, score, detractor } });
    if (!detractor) return;
    this.#raise({
      key: `detractor:${call.id}`, kind: 'detractor', queueId: call.queueId, agentId: call.agentId, callId: call.id, raisedAt: this.#now(),
      message: `detractor: ${scale.toUpperCase()} ${score} from ${call.customerNumber} after a call with agent ${call.agentId ?? '?'} — follow up`,
    });
  }

  /** A caller left a message in a queue's box: the queue's supervisors are told until someone takes it. */
  voicemailLeft(message: Pick<VoicemailMessage, 'id' | 'queueId' | 'customerNumber' | 'customerName' | 'secs'>, queueName: string): void {
    const from = message.customerName ? `${message.customerName} (${message.customerNumber})` : message.customerNumber;
    this.#raise({
      key: `voicemail:${message.id}`, kind: 'voicemail', queueId: message.queueId, agentId: null, callId: message.id, raisedAt: this.#now(),
      message: `${queueName}: new voicemail from ${from}, ${Math.round(message.secs)} s — call back`,
    });
  }

  /** The message was assigned, called back or closed: its alert goes. */
  voicemailHandled(id: string): void {
    const key = `voicemail:${id}`;
    if (this.alerts.clear(key)) this.deps.hub.publish({ type: 'alert-cleared', key });
  }

  #raise(alert: LiveAlert): void {
    this.alerts.raise(alert);
    this.deps.hub.publish({ type: 'alert', alert });
  }

  /** Sends the queues whose figures changed since the last flush, each once. */
  flushQueues(): void {
    const now = this.#now();
    if (startOfDay(now) !== this.deps.figures.since) {
      this.deps.figures.reset(startOfDay(now));
      for (const queue of this.deps.queues()) this.#dirtyQueues.add(queue.id);
    }
    const dirty = this.deps.queues().filter((queue) => this.#dirtyQueues.has(queue.id));
    const agents = dirty.length > 0 ? this.#agents() : [];
    for (const queue of dirty) this.deps.hub.publish({ type: 'queue', queue: this.queueFigures(queue, agents) });
    this.#dirtyQueues.clear();
  }

  /** Re-evaluates every alert condition; raised and cleared alerts go out on the stream. */
  checkAlerts(): void {
    const now = this.#now();
    const queues = this.deps.queues();
    const conditions = evaluateAlerts({
      now,
      queues,
      recent: (queueId) => this.deps.figures.figures(queueId, queues.find((q) => q.id === queueId)?.slThresholdSecs ?? 20, now - ALERT_WINDOW_MS),
      waiting: this.deps.calls().filter(onTheLine).map((c) => ({ callId: c.id, queueId: c.queueId, since: c.enqueuedAt })),
      agents: this.#agents()
        .filter((a) => a.state !== 'logged-out')
        .map((a) => ({ id: a.id, state: a.state, since: a.since, queueIds: queues.filter((q) => this.deps.router.canServe(a.id, q)).map((q) => q.id) })),
    });
    const { raised, cleared } = this.alerts.update(conditions, now, (a) => now - a.raisedAt < (ONE_OFF_ALERT_MS[a.kind] ?? 0));
    for (const alert of raised) this.deps.hub.publish({ type: 'alert', alert });
    for (const key of cleared) this.deps.hub.publish({ type: 'alert-cleared', key });
  }

  /** `agents`: every agent's live view, built once by callers that figure several queues. */
  queueFigures(queue: Queue, agents: readonly LiveAgent[] = this.#agents()): LiveQueueFigures {
    const calls = this.deps.calls().filter((c) => c.queueId === queue.id);
    const waiting = calls.filter(onTheLine);
    const byState: Record<LiveAgentState, number> = { 'logged-out': 0, ready: 0, 'not-ready': 0, reserved: 0, 'on-call': 0, 'wrap-up': 0 };
    for (const agent of agents) if (this.deps.router.canServe(agent.id, queue)) byState[agent.state] += 1;
    return {
      id: queue.id,
      name: queue.name,
      waiting: waiting.length,
      oldestWaitingSince: waiting.length === 0 ? null : Math.min(...waiting.map((c) => c.enqueuedAt)),
      callbacks: calls.filter(callbackPending).length,
      slTargetPct: queue.slTargetPct,
      slThresholdSecs: queue.slThresholdSecs,
      today: this.deps.figures.figures(queue.id, queue.slThresholdSecs),
      agents: byState,
    };
  }

  #agents() {
    const { router } = this.deps;
    return router.agentIds().flatMap((id) => {
      const config = router.agentConfig(id);
      return config ? [liveAgent(config, router.agent(id))] : [];
    });
  }
}
