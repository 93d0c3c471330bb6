import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { AriAdapter, StasisStartEvent } from '@hotline/asterisk';
import type { CallEvent, Queue } from '@hotline/contracts';
import type { Metrics } from '../../plugins/metrics.js';
import type { OverflowTarget, RoutingPort } from '../routing/routing-port.js';
import type { CallEventSink } from './publisher.js';
import { LiveCalls, type LiveCall } from './live-calls.js';

export interface CallFlowDeps {
  ari: AriAdapter;
  routing: RoutingPort;
  events: CallEventSink;
  metrics: Metrics;
  log: FastifyBaseLogger;
  queueByNumber(number: string): Queue | undefined;
  queueById(id: string): Queue | undefined;
  customerTier(number: string): Promise<string>;
  now?: () => number;
}

/** Seconds an ended call stays readable through the API before only the stored record remains. */
const ENDED_RETENTION_MS = 10 * 60_000;
const TIER_PRIORITY: Record<string, number> = { vip: 10, gold: 5 };
export const GREETING = 'sound:/var/lib/hotline/prompts/welcome';

/**
 * The life of a customer call in the Stasis app: answer, greet, wait on hold, ring the agent the
 * router picked, bridge them, and tidy up whichever side hangs up first.
 */
export class CallFlow {
  readonly calls = new LiveCalls();
  readonly #now: () => number;
  #timer: NodeJS.Timeout | undefined;

  constructor(private readonly deps: CallFlowDeps) {
    this.#now = deps.now ?? Date.now;
  }

  async onStasisStart(event: StasisStartEvent): Promise<void> {
    const [kind, arg] = event.args;
    if (kind === 'inbound' && arg) return this.#inbound(event, arg);
    if (kind === 'agent-leg' && arg) return this.#agentAnswered(event.channelId, arg);
    this.deps.log.warn({ channelId: event.channelId, args: event.args }, 'channel entered Stasis with unknown arguments');
    await this.deps.ari.hangup(event.channelId).catch(() => undefined);
  }

  /** A channel is gone: whichever side it was, the call moves on. */
  async onChannelGone(channelId: string): Promise<void> {
    const call = this.calls.byChannel(channelId);
    if (!call || call.state === 'ended') return;
    if (channelId === call.callerChannelId) return this.#callerLeft(call);
    if (channelId === call.agentChannelId) return this.#agentLeft(call);
  }

  async onPlaybackFinished(targetUri: string, mediaUri: string): Promise<void> {
    if (mediaUri !== GREETING || !targetUri.startsWith('channel:')) return;
    const call = this.calls.byChannel(targetUri.slice('channel:'.length));
    if (call && (call.state === 'greeting' || call.state === 'ringing')) {
      if (call.state === 'greeting') call.state = 'waiting';
      await this.deps.ari.startMoh(call.callerChannelId).catch((error) => call.log.warn({ err: error.message }, 'music on hold failed'));
    }
  }

  /** Offers every waiting call that now has an agent. Called after anything that frees an agent or adds a call. */
  async dispatch(): Promise<void> {
    const started = performance.now();
    for (const offer of this.deps.routing.dispatch(this.#now())) {
      const call = this.calls.get(offer.callId);
      if (!call) continue;
      this.deps.metrics.routeToAgentSeconds.observe((performance.now() - started) / 1000);
      await this.#ringAgent(call, offer.agentId);
    }
    this.#armTimer();
  }

  stop(): void {
    clearTimeout(this.#timer);
  }

  /** One timer for the router's next deadline (ring timeout, max wait, wrap-up end, skill expansion). */
  #armTimer(): void {
    clearTimeout(this.#timer);
    const at = this.deps.routing.nextDeadline();
    if (at === undefined) return;
    this.#timer = setTimeout(() => void this.#expire(), Math.max(0, at - this.#now()));
  }

  async #expire(): Promise<void> {
    const { overflows, missedCallIds } = this.deps.routing.expire(this.#now());
    for (const callId of missedCallIds) {
      const call = this.calls.get(callId);
      if (!call) continue;
      call.log.info({ agentId: call.agentId }, 'ring-no-answer: call keeps its place, agent set not ready');
      const leg = call.agentChannelId;
      call.state = 'waiting';
      call.agentId = null;
      this.calls.setAgentChannel(call, null);
      if (leg) await this.deps.ari.hangup(leg).catch(() => undefined);
    }
    for (const { callId, target } of overflows) {
      const call = this.calls.get(callId);
      if (call) await this.#overflow(call, target);
    }
    await this.dispatch();
  }

  /** Max wait reached or queue full: move to the target queue, or thank the caller and end. */
  async #overflow(call: LiveCall, target: OverflowTarget): Promise<void> {
    call.log.info({ target }, 'call overflows');
    if (target.kind === 'queue' && this.deps.queueById(target.queueId)) {
      const outcome = this.deps.routing.enqueue({ id: call.id, queueId: target.queueId, priority: TIER_PRIORITY[call.customerTier] ?? 0 }, this.#now());
      if (outcome.accepted) {
        this.#publish(call, { type: 'call.overflowed', fromQueueId: call.queueId, target }, `overflowed-${target.queueId}`);
        call.queueId = target.queueId;
        return;
      }
    }
    this.#publish(call, { type: 'call.overflowed', fromQueueId: call.queueId, target });
    await this.#end(call, 'overflowed', 'system', false);
    await this.deps.ari.hangup(call.callerChannelId).catch(() => undefined);
  }

  async #inbound(event: StasisStartEvent, number: string): Promise<void> {
    const queue = this.deps.queueByNumber(number);
    if (!queue) {
      this.deps.log.info({ channelId: event.channelId, number }, 'call to a number that is not a queue refused');
      await this.deps.ari.hangup(event.channelId, 'unallocated').catch(() => undefined);
      return;
    }
    const now = this.#now();
    const id = randomUUID();
    const customerNumber = event.callerNumber || 'anonymous';
    const customerTier = await this.deps.customerTier(customerNumber);
    const call: LiveCall = {
      id,
      callerChannelId: event.channelId,
      queueId: queue.id,
      customerNumber,
      customerTier,
      state: 'greeting',
      enqueuedAt: now,
      agentId: null,
      agentChannelId: null,
      offers: 0,
      answeredAt: null,
      endedAt: null,
      bridgeId: null,
      log: this.deps.log.child({ callId: id, channelId: event.channelId, queueId: queue.id }),
    };
    this.calls.add(call);
    call.log.info({ customerNumber, customerTier }, 'call arrived');
    this.#publish(call, { type: 'call.enqueued', queueId: queue.id, customerNumber, customerTier });
    this.deps.metrics.callsOffered.inc({ queue: queue.id });
    await this.deps.ari.answer(call.callerChannelId);
    await this.deps.ari.play(call.callerChannelId, [GREETING], `${id}-greeting`);
    const outcome = this.deps.routing.enqueue({ id, queueId: queue.id, priority: TIER_PRIORITY[customerTier] ?? 0 }, now);
    if (!outcome.accepted) return this.#overflow(call, outcome.overflow);
    this.#updateWaitingGauge(queue.id);
    await this.dispatch();
  }

  async #ringAgent(call: LiveCall, agentId: string): Promise<void> {
    const queue = this.deps.queueById(call.queueId);
    call.offers += 1;
    call.state = 'ringing';
    call.agentId = agentId;
    const channelId = `${call.id}-agent-${call.offers}`;
    this.calls.setAgentChannel(call, channelId);
    call.log.info({ agentId, agentChannelId: channelId }, 'ringing agent');
    this.#publish(call, { type: 'call.offered', agentId }, `offered-${call.offers}`);
    try {
      await this.deps.ari.originate({
        channelId,
        endpoint: `PJSIP/${agentId}`,
        appArgs: `agent-leg,${call.id}`,
        callerId: `"${queue?.name ?? call.queueId}" <${call.customerNumber}>`,
        timeoutSecs: queue?.ringTimeoutSecs ?? 15,
        variables: { HOTLINE_CALL_ID: call.id, HOTLINE_QUEUE: call.queueId },
      });
    } catch (error) {
      call.log.warn({ agentId, err: (error as Error).message }, 'could not ring agent');
      await this.#agentLeft(call);
    }
  }

  async #agentAnswered(channelId: string, callId: string): Promise<void> {
    const call = this.calls.get(callId);
    if (!call || call.agentChannelId !== channelId || call.state !== 'ringing') {
      // An answer that arrives after the caller left or the offer moved on: release that leg.
      await this.deps.ari.hangup(channelId).catch(() => undefined);
      return;
    }
    const now = this.#now();
    call.state = 'talking';
    call.answeredAt = now;
    this.deps.routing.answered(call.id, now);
    call.bridgeId = call.id;
    await this.deps.ari.stopPlayback(`${call.id}-greeting`).catch(() => undefined);
    await this.deps.ari.stopMoh(call.callerChannelId).catch(() => undefined);
    await this.deps.ari.createBridge(call.bridgeId);
    await this.deps.ari.addToBridge(call.bridgeId, call.callerChannelId);
    await this.deps.ari.addToBridge(call.bridgeId, channelId);
    call.log.info({ agentId: call.agentId, waitMs: now - call.enqueuedAt }, 'caller connected to agent');
    this.deps.metrics.callsAnswered.inc({ queue: call.queueId });
    this.#updateWaitingGauge(call.queueId);
    this.#publish(call, { type: 'call.answered', agentId: call.agentId ?? '' });
  }

  // Both leave handlers end the call before any await: StasisEnd and ChannelDestroyed arrive for
  // the same channel, and the second must find the call already ended.
  async #callerLeft(call: LiveCall): Promise<void> {
    const wasTalking = call.state === 'talking';
    const agentLeg = call.agentChannelId;
    if (!wasTalking) this.deps.metrics.callsAbandoned.inc({ queue: call.queueId });
    await this.#end(call, wasTalking ? 'answered' : 'abandoned', 'caller');
    if (agentLeg) await this.deps.ari.hangup(agentLeg).catch(() => undefined);
  }

  async #agentLeft(call: LiveCall): Promise<void> {
    if (call.state === 'talking') {
      await this.#end(call, 'answered', 'agent');
      await this.deps.ari.hangup(call.callerChannelId).catch(() => undefined);
      return;
    }
    // Not answered, busy, unreachable or ring timeout: the caller keeps their place.
    call.log.info({ agentId: call.agentId }, 'agent did not answer');
    this.deps.routing.offerFailed(call.id, this.#now());
    call.state = 'waiting';
    call.agentId = null;
    this.calls.setAgentChannel(call, null);
    await this.dispatch();
  }

  async #end(call: LiveCall, outcome: 'answered' | 'abandoned' | 'overflowed', hangupBy: 'caller' | 'agent' | 'system', inRouting = true): Promise<void> {
    const now = this.#now();
    call.state = 'ended';
    call.endedAt = now;
    // An overflowed call has already left the router; everything else is settled there now.
    if (inRouting) this.deps.routing.ended({ id: call.id, agentId: call.agentId, talked: outcome === 'answered' }, now);
    if (call.bridgeId) await this.deps.ari.destroyBridge(call.bridgeId).catch(() => undefined);
    call.log.info({ outcome, hangupBy }, 'call ended');
    this.#updateWaitingGauge(call.queueId);
    this.#publish(call, { type: 'call.ended', outcome, hangupBy });
    setTimeout(() => this.calls.remove(call), ENDED_RETENTION_MS).unref();
    await this.dispatch();
  }

  #updateWaitingGauge(queueId: string): void {
    const waiting = this.calls.list().filter((c) => c.queueId === queueId && (c.state === 'greeting' || c.state === 'waiting' || c.state === 'ringing'));
    this.deps.metrics.callsWaiting.set({ queue: queueId }, waiting.length);
  }

  /** Fire and forget: the call must not wait on Redis; BullMQ buffers while it reconnects. */
  #publish(call: LiveCall, event: DistributiveOmit<CallEvent, 'id' | 'callId' | 'at'>, suffix?: string): void {
    const full = { ...event, id: `${call.id}.${suffix ?? event.type.slice('call.'.length)}`, callId: call.id, at: this.#now() } as CallEvent;
    this.deps.events.publish(full).catch((error: Error) => {
      call.log.error({ err: error.message, eventId: full.id }, 'could not hand a call event to the workers');
    });
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
