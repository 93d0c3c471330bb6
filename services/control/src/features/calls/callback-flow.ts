import type { FastifyBaseLogger } from 'fastify';
import type { CallChange, CallbackPolicy, Queue } from '@hotline/contracts';
import type { RouteOffer, RoutingPort } from '../routing/routing-port.js';
import { tryHangup } from '@hotline/asterisk';
import type { AriPort } from './ari-port.js';
import type { CallerAudio } from './caller-audio.js';
import { callbackOffered, inWindow, nextOpening } from './callback-policy.js';
import type { CallEventBody, LiveCall, LiveCalls } from './live-calls.js';
import { callbackOfferMedia, playbackId, promptsFor } from './media.js';

/** The PJSIP endpoint callbacks leave through (asterisk-conf/pjsip.conf). */
export const CALLBACK_TRUNK = 'callback-trunk';

/** What the callback flow uses of the call flow it belongs to. */
export interface CallbackHost {
  ari: AriPort;
  /** What the caller hears from us, so silencing them stops only what still plays. */
  audio: CallerAudio;
  routing: RoutingPort;
  calls: LiveCalls;
  log: FastifyBaseLogger;
  now(): number;
  queue(id: string): Queue | undefined;
  /** The router's input for a call (its queue and its tier's priority). */
  input(call: LiveCall): { id: string; queueId: string; priority: number };
  publish(call: LiveCall, event: CallEventBody, suffix?: string, at?: number): void;
  notify(call: LiveCall, change: CallChange): void;
  /** Stops hold music and prompts on the caller's channel. */
  silence(call: LiveCall): Promise<void>;
  /** Ends a callback that will not be completed ('failed'), through the call flow's one way of ending calls. */
  fail(call: LiveCall): Promise<void>;
  /** The customer is in the bridge with the agent: recording and the agent-number prompt follow as for any call. */
  connected(call: LiveCall): Promise<void>;
  dispatch(): Promise<void>;
}

/**
 * Callbacks that keep their place. A waiting caller presses the queue's key, hears a confirmation
 * and hangs up; the call stays in line where it was (the router keeps the place, without max
 * wait). When it reaches the head and an agent is free, the agent is rung first; once the agent
 * answers, the number the customer called from is dialled through the callback trunk and bridged
 * in. An unanswered attempt goes back into line at the same place after the retry delay, up to the
 * attempt limit; outside the calling window a callback waits for the window to open.
 */
export class CallbackFlow {
  readonly #timers = new Map<string, NodeJS.Timeout>();

  constructor(private readonly host: CallbackHost) {}

  /** A key pressed by a caller in line: book a callback, or say why not. */
  async onKey(call: LiveCall, digit: string): Promise<void> {
    const policy = this.#policy(call);
    // Only a caller the router holds can keep a place (not one still being answered and greeted).
    if (!policy || this.host.routing.position(call.id) === undefined || !callbackOffered(policy, call.customerNumber, this.host.now())) return;
    if (digit !== policy.key) {
      call.log.info({ digit }, 'key not valid while waiting: the callback offer is repeated');
      const prompts = promptsFor(call.language);
      return this.#say(call, [prompts.keyInvalid, ...callbackOfferMedia(prompts, policy.key)]);
    }
    if (this.#bookedFor(call.customerNumber)) {
      call.log.info('a callback to this number is already booked: the caller stays in line');
      return this.#say(call, [promptsFor(call.language).callbackAlreadyBooked]);
    }
    // Booked before any await, so the router cannot offer the call to an agent half-way.
    const now = this.host.now();
    const position = this.host.routing.position(call.id) ?? 1;
    this.host.routing.holdPlace(call.id, now);
    call.state = 'callback';
    call.callback = { number: call.customerNumber, requestedAt: now, attempts: 0, lineChannelId: call.callerChannelId, retryAt: null, status: null };
    call.log.info({ position }, 'callback booked: the call keeps its place in line');
    this.host.publish(call, { type: 'call.callback-requested', position });
    this.host.notify(call, 'callback');
    await this.host.silence(call);
    await this.host.audio.play(call, [promptsFor(call.language).callbackBooked], playbackId(call.id, 'callback-booked'));
  }

  /** The prompt offering a callback, when this caller may have one now. */
  offerMedia(call: LiveCall): string[] {
    const policy = this.#policy(call);
    return policy && callbackOffered(policy, call.customerNumber, this.host.now()) ? callbackOfferMedia(promptsFor(call.language), policy.key) : [];
  }

  /** The confirmation was heard: the caller's line is released (the call itself goes on). */
  async onBookedPlayed(call: LiveCall): Promise<void> {
    if (call.callback) await tryHangup(this.host.ari, call.callback.lineChannelId, call.log);
  }

  /**
   * A callback offered to an agent outside the calling window: the offer is withdrawn (the agent
   * stays Ready, as idle as before) and the callback goes back into line when the window opens.
   */
  deferredOutsideWindow(call: LiveCall, offer: RouteOffer): boolean {
    const policy = this.#policy(call);
    const now = this.host.now();
    if (!call.callback || !policy || inWindow(policy.window, new Date(now))) return false;
    this.host.routing.ended({ id: call.id, agentId: offer.agentId, talked: false }, now);
    this.#backInLineAt(call, nextOpening(policy.window, now));
    call.log.info({ retryAt: call.callback.retryAt }, 'callback outside its calling window: it waits for the window');
    return true;
  }

  /** The agent picked up a callback: they stay on the line while the customer's phone rings. */
  async agentAnswered(call: LiveCall, agentLeg: string): Promise<void> {
    const callback = call.callback;
    const queue = this.host.queue(call.queueId);
    if (!callback || !queue) return;
    this.host.routing.answered(call.id, this.host.now());
    call.state = 'calling-back';
    callback.attempts += 1;
    const attempt = callback.attempts;
    this.host.publish(call, { type: 'call.callback-dialing', agentId: call.agentId ?? '', attempt }, `callback-dialing-${attempt}`);
    call.bridgeId = `${call.id}-${attempt}`;
    const customerLeg = `${call.id}-customer-${attempt}`;
    this.host.calls.setCallerChannel(call, customerLeg);
    this.host.notify(call, 'callback');
    call.log.info({ attempt, agentId: call.agentId, customerLeg }, 'agent on the line: calling the customer back');
    try {
      await this.host.ari.createBridge(call.bridgeId);
      await this.host.ari.addToBridge(call.bridgeId, agentLeg);
      await this.host.ari.play(agentLeg, [promptsFor(call.language).callbackAgent], playbackId(call.id, 'callback-agent', attempt));
      await this.host.ari.originate({
        channelId: customerLeg,
        endpoint: `PJSIP/${callback.number}@${CALLBACK_TRUNK}`,
        appArgs: `callback-customer,${call.id}`,
        callerId: `"${queue.name}" <${queue.number}>`,
        timeoutSecs: queue.callback.ringSecs,
        originator: agentLeg,
      });
    } catch (error) {
      call.log.warn({ err: (error as Error).message }, 'could not call the customer back');
      await this.attemptOver(call, 'unreached');
    }
  }

  /** The customer picked up: into the agent's bridge, and the call is a conversation like any other. */
  async customerAnswered(channelId: string, callId: string): Promise<void> {
    const call = this.host.calls.get(callId);
    if (!call?.callback || call.state !== 'calling-back' || call.callerChannelId !== channelId || !call.bridgeId) {
      await tryHangup(this.host.ari, channelId, this.host.log);
      return;
    }
    const now = this.host.now();
    call.state = 'talking';
    call.answeredAt = now;
    this.host.publish(call, { type: 'call.answered', agentId: call.agentId ?? '' }, undefined, now);
    await this.host.ari.stopPlayback(playbackId(call.id, 'callback-agent', call.callback.attempts)).catch(() => undefined);
    await this.host.ari.addToBridge(call.bridgeId, channelId);
    call.log.info({ attempt: call.callback.attempts }, 'customer answered the callback');
    await this.host.connected(call);
  }

  /**
   * An attempt ended before the customer and the agent talked: the customer's phone was not
   * answered or could not be reached, or the agent hung up while it rang (that one is not held
   * against the attempt limit and goes straight back into line). The agent's part is over either way.
   */
  async attemptOver(call: LiveCall, why: 'unreached' | 'agent-left'): Promise<void> {
    const callback = call.callback;
    const policy = this.#policy(call);
    if (!callback || !policy || call.state !== 'calling-back') return;
    const now = this.host.now();
    const legs = [call.agentChannelId, call.callerChannelId];
    const bridgeId = call.bridgeId;
    this.host.routing.ended({ id: call.id, agentId: call.agentId, talked: true }, now);
    call.state = 'callback';
    call.agentId = null;
    call.bridgeId = null;
    this.host.calls.setAgentChannel(call, null);
    if (why === 'agent-left') callback.attempts -= 1;
    const retryAt = why === 'agent-left' ? now : callback.attempts < policy.maxAttempts ? now + policy.retryAfterSecs * 1000 : undefined;
    if (why === 'unreached') {
      this.host.publish(call, { type: 'call.callback-attempt-failed', attempt: callback.attempts, ...(retryAt === undefined ? {} : { retryAt }) }, `callback-failed-${callback.attempts}`);
    }
    call.log.info({ why, attempt: callback.attempts, retryAt }, 'callback attempt over');
    for (const leg of legs) if (leg) await tryHangup(this.host.ari, leg, call.log);
    if (bridgeId) await this.host.ari.destroyBridge(bridgeId).catch(() => undefined);
    if (retryAt === undefined) return this.host.fail(call);
    this.#backInLineAt(call, retryAt);
    await this.host.dispatch();
  }

  /** After a restart: a callback not in conversation goes back into line at its place. */
  async adopt(call: LiveCall, aliveLegs: readonly string[]): Promise<void> {
    for (const leg of aliveLegs) await tryHangup(this.host.ari, leg, call.log);
    call.state = 'callback';
    call.agentId = null;
    call.bridgeId = null;
    this.host.calls.setAgentChannel(call, null);
    this.#backInLineAt(call, call.callback?.retryAt ?? this.host.now());
  }

  /** The call ended: no retry is left pending for it. */
  forget(call: LiveCall): void {
    clearTimeout(this.#timers.get(call.id));
    this.#timers.delete(call.id);
  }

  stop(): void {
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
  }

  #policy(call: LiveCall): CallbackPolicy | undefined {
    return this.host.queue(call.queueId)?.callback;
  }

  #bookedFor(number: string): boolean {
    return this.host.calls.list().some((c) => c.callback !== null && c.state !== 'ended' && c.callback.number === number);
  }

  async #say(call: LiveCall, media: string[]): Promise<void> {
    await this.host.audio.stopMoh(call);
    await this.host.audio.play(call, media, playbackId(call.id, 'callback-prompt', this.host.now()));
  }

  /** Out of line until `at`, then back at the place it had (or now, when `at` has passed). */
  #backInLineAt(call: LiveCall, at: number): void {
    const callback = call.callback;
    if (!callback) return;
    this.forget(call);
    callback.retryAt = at;
    this.host.notify(call, 'callback');
    const timer = setTimeout(() => void this.#backInLine(call).catch((error: Error) => call.log.error({ err: error.message }, 'callback could not go back into line')), Math.max(0, at - this.host.now()));
    timer.unref();
    this.#timers.set(call.id, timer);
  }

  async #backInLine(call: LiveCall): Promise<void> {
    this.#timers.delete(call.id);
    const callback = call.callback;
    const policy = this.#policy(call);
    if (!callback || !policy || call.state !== 'callback') return;
    const now = this.host.now();
    const outcome = this.host.routing.enqueue({ ...this.host.input(call), waitingSince: call.enqueuedAt, holdsPlace: true }, now);
    // A full queue takes no one, not even a kept place: try again after the retry delay.
    if (!outcome.accepted) return this.#backInLineAt(call, now + policy.retryAfterSecs * 1000);
    callback.retryAt = null;
    this.host.notify(call, 'callback');
    call.log.info({ position: outcome.position }, 'callback back in line at its place');
    await this.host.dispatch();
  }
}
