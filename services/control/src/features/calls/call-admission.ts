import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import { AcdError } from '@hotline/acd';
import { isGoneError, tryHangup, type StasisStartEvent } from '@hotline/asterisk';
import type { HotlineConfig, Queue } from '@hotline/contracts';
import type { BlockedNumber } from '@hotline/db';
import type { Metrics } from '../../plugins/metrics.js';
import type { OverflowTarget, RouteOffer, RoutingPort } from '../routing/routing-port.js';
import type { AriPort } from './ari-port.js';
import type { CallNotifier } from './call-notifier.js';
import type { CallerAudio } from './caller-audio.js';
import type { LiveCall, LiveCalls } from './live-calls.js';
import { playbackId, promptsFor } from './media.js';
import type { QueueTreatment } from './queue-treatment.js';
import { routeInput, type CallEnd } from './call-end.js';

export type AdmissionLimits = HotlineConfig['admission'];

/** How far behind the service is, as admission reads it before taking a caller. */
export interface LoadReadings {
  eventLoopLagMs: number;
  ariLatencyMs: number;
  arriving: number;
}

/** Why a caller was refused: the first reading over its limit. */
export interface Refusal {
  signal: keyof LoadReadings;
  value: number;
  limit: number;
}

const LIMIT_OF: Record<keyof LoadReadings, keyof AdmissionLimits> = {
  eventLoopLagMs: 'maxEventLoopLagMs',
  ariLatencyMs: 'maxAriLatencyMs',
  arriving: 'maxArriving',
};

export function refusalFor(readings: LoadReadings, limits: AdmissionLimits): Refusal | undefined {
  for (const signal of Object.keys(LIMIT_OF) as (keyof LoadReadings)[]) {
    const limit = limits[LIMIT_OF[signal]];
    if (readings[signal] > limit) return { signal, value: readings[signal], limit };
  }
  return undefined;
}

/** What taking callers in uses of the call flow it belongs to. */
export interface AdmissionHost {
  ari: Pick<AriPort, 'answer' | 'hangup' | 'continueInDialplan' | 'setLanguage'>;
  audio: CallerAudio;
  calls: LiveCalls;
  routing: Pick<RoutingPort, 'enqueue' | 'offerTo' | 'position'>;
  notifier: CallNotifier;
  treatment: Pick<QueueTreatment, 'announce' | 'hold'>;
  metrics: Pick<Metrics, 'callsOffered' | 'callsRefused' | 'callsBlocked'>;
  log: FastifyBaseLogger;
  now: () => number;
  limits: AdmissionLimits;
  load(): Omit<LoadReadings, 'arriving'>;
  queueByNumber(number: string): Queue | undefined;
  /** The block in force for a caller's number, if any (read from memory: no waiting on PostgreSQL). */
  blocked(number: string): BlockedNumber | undefined;
  customerTier(number: string): Promise<string>;
  end: CallEnd;
  /** Rings the agent the router picked, and keeps the router's deadlines. */
  ring(call: LiveCall, offer: RouteOffer): Promise<void>;
  overflow(call: LiveCall, target: OverflowTarget): Promise<void>;
  /** The number of callers waiting in the queue changed. */
  waitingChanged(queueId: string): void;
  dispatch(): Promise<void>;
}

/** asterisk-conf/extensions.conf: tells a blocked caller their calls are not taken, then hangs up. */
const BLOCKED_CONTEXT = 'hotline-blocked';

/** How long a caller may wait on the customer directory before being taken as a standard customer. */
const TIER_LOOKUP_MS = 500;

/**
 * A caller coming in: refused with a busy signal when the service is behind, or answered, greeted
 * and put in line (or, passed on by an agent, straight into the queue or to the chosen agent).
 */
export class CallAdmission {
  #arriving = 0;

  constructor(private readonly host: AdmissionHost) {}

  /** A caller dialled a number of ours (Stasis `inbound,<number>`). */
  async inbound(event: StasisStartEvent, number: string): Promise<void> {
    const { host } = this;
    const queue = host.queueByNumber(number);
    if (!queue) {
      host.log.info({ channelId: event.channelId, number }, 'call to a number that is not a queue refused');
      await tryHangup(host.ari, event.channelId, host.log, 'unallocated');
      return;
    }
    const customerNumber = event.callerNumber || 'anonymous';
    const block = host.blocked(customerNumber);
    if (block) return this.#turnAway(event.channelId, queue, customerNumber, block);
    // Read before anything waits: a refusal costs no database, no Redis and no answer.
    const refusal = refusalFor({ ...host.load(), arriving: this.#arriving }, host.limits);
    if (refusal) return this.#refuse(event.channelId, queue, customerNumber, refusal);
    this.#arriving += 1;
    try {
      // The customer directory is a nicety: with PostgreSQL slow or away the call is taken at once, as standard.
      const customerTier = await within(host.customerTier(customerNumber), TIER_LOOKUP_MS, 'customer tier lookup').catch((error: Error) => {
        host.log.warn({ err: error.message, customerNumber }, 'customer tier unavailable, treating as standard');
        return 'standard';
      });
      await this.admit(event.channelId, queue, customerNumber, customerTier, { arriving: true });
    } catch (error) {
      await this.#release(event.channelId, error as Error);
    } finally {
      this.#arriving -= 1;
    }
  }

  /**
   * A caller joins a queue as a new call: on arrival (answered and greeted), or passed on by an
   * agent (blind transfer: straight to the queue's treatment, or ringing the chosen agent at once).
   */
  async admit(channelId: string, queue: Queue, customerNumber: string, customerTier: string, entry: { arriving: boolean; forAgent?: string; callId?: string }): Promise<void> {
    const { host } = this;
    const { arriving } = entry;
    const call = this.#newCall(channelId, queue, customerNumber, customerTier, arriving ? 'greeting' : 'waiting', { offered: true, id: entry.callId });
    call.log.info({ customerNumber, customerTier, arriving }, arriving ? 'call arrived' : 'call transferred in');
    // Asterisk speaks English to a channel unless told otherwise; a caller passed on keeps what the last queue set.
    if (!arriving || call.language !== 'en') await host.ari.setLanguage(channelId, call.language);
    if (arriving) {
      await host.ari.answer(channelId);
      await host.audio.play(call, [promptsFor(call.language).greeting], playbackId(call.id, 'greeting'));
    }
    const input = routeInput(call);
    // The router's clock only moves forward, and other calls moved it while this one was answered:
    // it takes the call at the present, not at its arrival.
    if (entry.forAgent && (await this.#offerTo(call, input, entry.forAgent))) return;
    const outcome = host.routing.enqueue(input, host.now());
    if (!outcome.accepted) return host.overflow(call, outcome.overflow);
    if (!arriving) await host.treatment.announce(call);
    host.waitingChanged(queue.id);
    await host.dispatch();
  }

  /** A new call of ours, announced to the workers; `offered: false` for a caller the queue never gets (blocked). */
  #newCall(channelId: string, queue: Queue, customerNumber: string, customerTier: string, state: 'greeting' | 'waiting', { offered, id = randomUUID() }: { offered: boolean; id?: string | undefined } = { offered: true }): LiveCall {
    const call: LiveCall = {
      id,
      callerChannelId: channelId,
      queueId: queue.id,
      customerNumber,
      customerTier,
      language: queue.language,
      state,
      enqueuedAt: this.host.now(),
      agentId: null,
      agentChannelId: null,
      offers: 0,
      announcements: 0,
      announcedPosition: null,
      announceTimer: undefined,
      answeredAt: null,
      endedAt: null,
      outcome: null,
      bridgeId: null,
      preparedBridge: null,
      audio: { playing: [], moh: false },
      recording: null,
      voicemail: null,
      outbound: null,
      callback: null,
      hold: { since: null, totalMs: 0 },
      muted: false,
      log: this.host.log.child({ callId: id, channelId, queueId: queue.id }),
    };
    this.host.calls.add(call);
    this.host.notifier.publish(call, { type: 'call.enqueued', channelId, queueId: queue.id, customerNumber, customerTier });
    if (offered) this.host.metrics.callsOffered.inc({ queue: queue.id });
    return call;
  }

  /**
   * The service is behind: answering this caller would only put them in a wait it cannot serve,
   * and slow everyone already in line. Busy, before the answer, with a record of the refusal.
   */
  async #refuse(channelId: string, queue: Queue, customerNumber: string, refusal: Refusal): Promise<void> {
    await this.#recordRefusal(channelId, queue, customerNumber, refusal);
    await tryHangup(this.host.ari, channelId, this.host.log, 'busy');
  }

  /**
   * A blocked caller never reaches an agent: recorded as `blocked` (apart from abandons), then told
   * so by the dialplan and released, or refused unanswered, as the block says.
   */
  async #turnAway(channelId: string, queue: Queue, customerNumber: string, block: BlockedNumber): Promise<void> {
    const { host } = this;
    const call = this.#newCall(channelId, queue, customerNumber, 'standard', 'greeting', { offered: false });
    call.log.info({ pattern: block.pattern, reason: block.reason, action: block.action }, 'blocked caller turned away');
    host.metrics.callsBlocked.inc({ queue: queue.id, action: block.action });
    await host.end(call, 'blocked', 'system', { inRouting: false });
    if (block.action === 'message') {
      // The dialplan tells them in the queue's language.
      if (call.language !== 'en') await host.ari.setLanguage(channelId, call.language).catch(() => undefined);
      await host.ari.continueInDialplan(channelId, BLOCKED_CONTEXT).catch(() => tryHangup(host.ari, channelId, call.log, 'rejected'));
    } else {
      await tryHangup(host.ari, channelId, call.log, 'rejected');
    }
  }

  /**
   * A caller who chose a queue in an IVR menu: already answered and spoken to, so straight into
   * line (told their place), as the call the menu began (its id, so the way through the menu is
   * on its record).
   */
  async fromMenu(channelId: string, queue: Queue, customerNumber: string, callId: string): Promise<void> {
    // A blocked caller may walk a menu, but reaches no queue.
    const block = this.host.blocked(customerNumber);
    if (block) return this.#turnAway(channelId, queue, customerNumber, block);
    const customerTier = await within(this.host.customerTier(customerNumber), TIER_LOOKUP_MS, 'customer tier lookup').catch(() => 'standard');
    await this.admit(channelId, queue, customerNumber, customerTier, { arriving: false, callId });
  }

  /**
   * Asterisk refused a caller before the Stasis app, the service having asked it to shed load
   * (load-shedding.ts): the caller is gone already; only the record is left to make.
   */
  async refusedBeforeStasis(channelId: string, number: string, customerNumber: string, refusal: Refusal | undefined): Promise<void> {
    const queue = this.host.queueByNumber(number);
    if (queue) await this.#recordRefusal(channelId, queue, customerNumber || 'anonymous', refusal);
  }

  /** Callers answered and not yet in line. */
  get arriving(): number {
    return this.#arriving;
  }

  async #recordRefusal(channelId: string, queue: Queue, customerNumber: string, refusal: Refusal | undefined): Promise<void> {
    const { host } = this;
    const call = this.#newCall(channelId, queue, customerNumber, 'standard', 'greeting');
    call.log.warn({ refusal }, 'caller refused with a busy signal: the service is behind');
    host.metrics.callsRefused.inc({ queue: queue.id, signal: refusal?.signal ?? 'unknown' });
    host.notifier.publish(call, { type: 'call.overflowed', fromQueueId: queue.id, target: { kind: 'busy' } });
    await host.end(call, 'overflowed', 'system', { inRouting: false });
  }

  /** Rings one agent for the call at once; false when that agent is no longer Ready (it then queues). */
  async #offerTo(call: LiveCall, input: ReturnType<typeof routeInput>, agentId: string): Promise<boolean> {
    let offer: RouteOffer;
    try {
      offer = this.host.routing.offerTo(input, agentId, this.host.now());
    } catch (error) {
      if (error instanceof AcdError && error.code === 'AGENT_NOT_READY') {
        call.log.info({ agentId }, 'the agent chosen for the transfer is busy now: the caller waits in the queue');
        return false;
      }
      throw error;
    }
    this.host.waitingChanged(call.queueId);
    await this.host.treatment.hold(call);
    await this.host.ring(call, offer);
    return true;
  }

  /**
   * A caller the service could not take (Asterisk refused a command half-way, say under overload)
   * is released with a record, never left in silence: recorded as overflowed by the system.
   */
  async #release(channelId: string, error: Error): Promise<void> {
    const { host } = this;
    const call = host.calls.byChannel(channelId);
    if (isGoneError(error)) host.log.info({ channelId, callId: call?.id, err: error.message }, 'the caller hung up while being taken');
    else host.log.error({ channelId, callId: call?.id, err: error.message }, 'could not take the call; releasing the caller');
    if (call && call.state !== 'ended') {
      const inRouting = host.routing.position(call.id) !== undefined;
      host.notifier.publish(call, { type: 'call.overflowed', fromQueueId: call.queueId, target: { kind: 'goodbye' } });
      await host.end(call, 'overflowed', 'system', { inRouting });
    }
    await tryHangup(host.ari, channelId, host.log);
  }
}

/** `promise`, or a rejection once `ms` have passed without it settling. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
