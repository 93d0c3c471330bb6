import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import { AcdError } from '@hotline/acd';
import { isGoneError, tryHangup, type StasisStartEvent } from '@hotline/asterisk';
import type { Queue } from '@hotline/contracts';
import type { Metrics } from '../../plugins/metrics.js';
import type { OverflowTarget, RouteOffer, RoutingPort } from '../routing/routing-port.js';
import type { JobBus } from '../../plugins/job-bus.js';
import { LiveCalls, type LiveCall } from './live-calls.js';
import { CallbackFlow } from './callback-flow.js';
import { tierPriority } from '../routing/tier-priority.js';
import { GREETING, agentNumberMedia, playbackId, parsePlaybackId } from './media.js';
import { SurveyIvr, type SurveyResult } from './survey-ivr.js';
import { InCallControls } from './in-call-controls.js';
import type { StoredCall } from './call-snapshot.js';
import type { AriPort } from './ari-port.js';
import { CallerAudio } from './caller-audio.js';
import { CallNotifier } from './call-notifier.js';
import { CallRecorder, shouldRecord } from './call-recording.js';
import { QueueTreatment } from './queue-treatment.js';
import { Voicemail } from './voicemail.js';
import { Transfers, type TransferResult, type TransferTarget } from './transfer.js';
import { CallAdoption } from './call-adoption.js';

export interface CallFlowDeps {
  ari: AriPort;
  routing: RoutingPort;
  events: Pick<JobBus, 'publish' | 'finaliseRecording' | 'processSurvey'>;
  metrics: Metrics;
  log: FastifyBaseLogger;
  queueByNumber(number: string): Queue | undefined;
  queueById(id: string): Queue | undefined;
  customerTier(number: string): Promise<string>;
  /** For each agent who could take the call and is working: seconds until free (the staffing behind a wait estimate). */
  freeInSecs(callId: string, handleSecs: number): number[] | undefined;
  /** Whether the agent is Ready now (a blind transfer to them rings them at once). */
  agentReady(agentId: string): boolean;
  /** The channel to ring for an agent (their browser phone or desk phone). */
  dialString(agentId: string): string;
  now?: () => number;
  random?: () => number;
}


/** How long an ended call stays readable through the API before only the stored record remains. */
const ENDED_RETENTION_MS = 10 * 60_000;

/** A call as the router takes it: its queue, and its customer tier's priority. */
function routeInput(call: Pick<LiveCall, 'id' | 'queueId' | 'customerTier'>) {
  return { id: call.id, queueId: call.queueId, priority: tierPriority(call.customerTier) };
}
/** How long a caller may wait on the customer directory before being taken as a standard customer. */
const TIER_LOOKUP_MS = 500;
/** How long after a call's end its recording is finalised if Asterisk never reported it finished. */
const RECORDING_BACKSTOP_MS = 10_000;

/**
 * The life of a customer call in the Stasis app: answer, greet, tell the caller their place and
 * wait, hold music, ring the agent the router picked, announce the agent's number, bridge, and tidy
 * up whichever side hangs up first. Overflowing callers move queue, leave a voicemail or are
 * thanked and released.
 */
export class CallFlow {
  readonly calls = new LiveCalls();
  readonly survey: SurveyIvr;
  readonly controls: InCallControls;
  readonly callbacks: CallbackFlow;
  readonly notifier: CallNotifier;
  readonly audio: CallerAudio;
  readonly recorder: CallRecorder;
  readonly treatment: QueueTreatment;
  readonly voicemail: Voicemail;
  readonly #transfers: Transfers;
  readonly #adoption: CallAdoption;
  readonly #now: () => number;
  readonly #random: () => number;
  #timer: NodeJS.Timeout | undefined;
  #dispatchQueued = false;

  constructor(private readonly deps: CallFlowDeps) {
    this.#now = deps.now ?? Date.now;
    this.#random = deps.random ?? Math.random;
    this.notifier = new CallNotifier(deps.events, this.#now);
    this.audio = new CallerAudio(deps.ari);
    this.treatment = new QueueTreatment({
      ari: deps.ari,
      audio: this.audio,
      queue: (id) => deps.queueById(id),
      position: (callId) => deps.routing.position(callId),
      freeInSecs: (callId, handleSecs) => deps.freeInSecs(callId, handleSecs),
      callbackMedia: (call) => this.callbacks.offerMedia(call),
      publish: (call, event, suffix) => this.notifier.publish(call, event, suffix),
      notify: (call, change) => this.notifier.changed(call, change),
    });
    this.voicemail = new Voicemail({
      ari: deps.ari,
      audio: this.audio,
      calls: this.calls,
      silence: (call) => this.treatment.silence(call),
      end: (call, outcome, hangupBy, options) => this.#end(call, outcome, hangupBy, options),
      leftLine: (call) => this.#updateWaitingGauge(call.queueId),
    });
    this.recorder = new CallRecorder({
      ari: deps.ari,
      jobs: deps.events,
      now: this.#now,
      publish: (call, event) => this.notifier.publish(call, event),
      notify: (call, change) => this.notifier.changed(call, change),
    });
    this.survey = new SurveyIvr(deps.ari, (result) => this.#surveyed(result));
    this.controls = new InCallControls(deps.ari, this.#now, (call, change) => this.notifier.changed(call, change));
    this.callbacks = new CallbackFlow({
      ari: deps.ari,
      audio: this.audio,
      routing: deps.routing,
      calls: this.calls,
      log: deps.log,
      now: this.#now,
      queue: (id) => deps.queueById(id),
      input: (call) => routeInput(call),
      publish: (call, event, suffix, at) => this.notifier.publish(call, event, suffix, at),
      notify: (call, change) => this.notifier.changed(call, change),
      silence: (call) => this.treatment.silence(call),
      fail: (call) => this.#end(call, 'abandoned', 'system', { inRouting: false, callbackStatus: 'failed' }),
      connected: (call) => this.#connected(call),
      dispatch: () => this.dispatch(),
    });
    // The one dispatcher: whatever frees an agent or changes a deadline outside the calls' own flow.
    // Once the change's caller is done (never in the middle of its steps), and once for a burst.
    deps.routing.onWorkAvailable(() => {
      if (this.#dispatchQueued) return;
      this.#dispatchQueued = true;
      queueMicrotask(() => {
        this.#dispatchQueued = false;
        this.dispatch().catch((error: Error) => deps.log.error({ err: error.message }, 'dispatch failed'));
      });
    });
    this.#transfers = new Transfers({
      ari: deps.ari,
      audio: this.audio,
      calls: this.calls,
      controls: this.controls,
      queue: (id) => deps.queueById(id),
      agentReady: (agentId) => deps.agentReady(agentId),
      end: (call, outcome, hangupBy, options) => this.#end(call, outcome, hangupBy, options),
      admit: (channelId, queue, number, tier, entry) => this.#admit(channelId, queue, number, tier, entry),
    });
    this.#adoption = new CallAdoption({
      ari: deps.ari,
      calls: this.calls,
      routing: deps.routing,
      callbacks: this.callbacks,
      treatment: this.treatment,
      log: deps.log,
      now: this.#now,
      input: (call) => routeInput(call),
      end: (call, outcome, hangupBy, options) => this.#end(call, outcome, hangupBy, options),
      backToWaiting: (call) => this.#backToWaiting(call),
      overflow: (call, target) => this.#overflow(call, target),
      dispatch: () => this.dispatch(),
    });
  }

  /** A channel is gone: whichever side it was, the call moves on. */
  async onChannelGone(channelId: string): Promise<void> {
    const call = this.calls.byChannel(channelId);
    // A booked callback has nobody on the line: the caller hanging up is expected.
    if (!call || call.state === 'ended' || call.state === 'callback') return;
    if (channelId === call.callerChannelId) return call.state === 'calling-back' ? this.callbacks.attemptOver(call, 'unreached') : this.#callerLeft(call);
    if (channelId === call.agentChannelId) return call.state === 'calling-back' ? this.callbacks.attemptOver(call, 'agent-left') : this.#agentLeft(call);
  }

  /** A key from a caller's phone: the survey's, or a waiting caller asking to be called back. */
  async onDtmf(channelId: string, digit: string): Promise<void> {
    await this.survey.onDtmf(channelId, digit);
    const call = this.calls.byChannel(channelId);
    if ((call?.state === 'waiting' || call?.state === 'greeting') && channelId === call.callerChannelId) await this.callbacks.onKey(call, digit);
  }

  /** Greeting done → first announcement; an announcement done → back to hold music. */
  async onPlaybackFinished(id: string): Promise<void> {
    const parsed = parsePlaybackId(id);
    const call = parsed && this.calls.get(parsed.callId);
    if (call) this.audio.finished(call, id);
    if (!call || call.state === 'ended' || call.state === 'talking') return;
    if (parsed.kind === 'callback-booked') return this.callbacks.onBookedPlayed(call);
    if (parsed.kind === 'greeting') {
      if (call.state === 'greeting') {
        call.state = 'waiting';
        this.notifier.changed(call, 'waiting');
      }
      await this.treatment.announce(call);
    } else if (parsed.kind === 'announcement' || parsed.kind === 'callback-prompt') {
      await this.treatment.hold(call);
    }
  }

  /** The agent's disposition code and note for a call, during or after it (the latest counts). */
  dispose(call: LiveCall, code: string, note: string): void {
    this.notifier.publish(call, { type: 'call.disposed', code, note }, `disposed-${this.#now()}`);
  }

  /** The agent's after-call work for a call is over: its length goes on the call's record. */
  wrapped(callId: string, agentId: string, wrapUpSecs: number): void {
    const call = this.calls.get(callId);
    if (call) this.notifier.publish(call, { type: 'call.wrapped', agentId, wrapUpSecs });
    else this.deps.log.warn({ callId, agentId }, 'wrap-up ended for a call no longer held here');
  }

  /** A supervisor ends the call: both legs are released and the record says who ended it. */
  async forceEnd(callId: string): Promise<boolean> {
    const call = this.calls.get(callId);
    if (!call || call.state === 'ended') return false;
    const legs = [call.callerChannelId, call.agentChannelId];
    const talked = call.state === 'talking';
    // A callback waiting out its retry delay is out of line; one in line or with an agent is not.
    const inRouting = call.state !== 'voicemail' && (call.state !== 'callback' || this.deps.routing.position(call.id) !== undefined);
    await this.#end(call, talked ? 'answered' : 'abandoned', 'supervisor', { inRouting });
    for (const leg of legs) if (leg) await tryHangup(this.deps.ari, leg, call.log);
    return true;
  }

  /** Asterisk finished writing a call's recording (the bridge is gone): hand it to the workers. */
  async onCallRecordingDone(name: string, failure?: string): Promise<void> {
    const call = this.calls.get(name.replace(/^calls\//, ''));
    if (call?.recording?.name === name) await this.recorder.finalise(call, 0, failure);
  }

  /** Pause (mute) or resume the recording of a call being talked. */
  async setRecordingPaused(callId: string, paused: boolean): Promise<'ok' | 'no-call' | 'not-recording' | 'unchanged'> {
    const call = this.calls.get(callId);
    if (!call || call.state !== 'talking') return 'no-call';
    return this.recorder.setPaused(call, paused);
  }

  /** After a crash: takes up the calls of the last snapshot (see call-adoption.ts); returns how many were over. */
  adopt(stored: readonly StoredCall[], alive: ReadonlySet<string>, lastSeenAt: number): Promise<number> {
    return this.#adoption.adopt(stored, alive, lastSeenAt);
  }

  /** Offers every waiting call that now has an agent. Called after anything that frees an agent or adds a call. */
  async dispatch(): Promise<void> {
    const started = performance.now();
    let deferred = false;
    for (const offer of this.deps.routing.dispatch(this.#now())) {
      const call = this.calls.get(offer.callId);
      if (!call) continue;
      // The agent it reserved is free again: another round may give them someone else.
      if (this.callbacks.deferredOutsideWindow(call, offer)) {
        deferred = true;
        continue;
      }
      this.deps.metrics.routeToAgentSeconds.observe((performance.now() - started) / 1000);
      await this.#ringAgent(call, offer);
    }
    if (deferred) return this.dispatch();
    this.#armTimer();
  }

  stop(): void {
    clearTimeout(this.#timer);
    this.callbacks.stop();
    for (const call of this.calls.list()) clearTimeout(call.announceTimer);
  }

  /** A caller dialled a number of ours (Stasis `inbound,<number>`). */
  async inbound(event: StasisStartEvent, number: string): Promise<void> {
    const queue = this.deps.queueByNumber(number);
    if (!queue) {
      this.deps.log.info({ channelId: event.channelId, number }, 'call to a number that is not a queue refused');
      await tryHangup(this.deps.ari, event.channelId, this.deps.log, 'unallocated');
      return;
    }
    const customerNumber = event.callerNumber || 'anonymous';
    // The customer directory is a nicety: with PostgreSQL slow or away the call is taken at once, as standard.
    const customerTier = await within(this.deps.customerTier(customerNumber), TIER_LOOKUP_MS, 'customer tier lookup').catch((error: Error) => {
      this.deps.log.warn({ err: error.message, customerNumber }, 'customer tier unavailable, treating as standard');
      return 'standard';
    });
    try {
      await this.#admit(event.channelId, queue, customerNumber, customerTier, { arriving: true });
    } catch (error) {
      await this.#release(event.channelId, error as Error);
    }
  }

  /**
   * A caller the service could not take (Asterisk refused a command half-way, say under overload)
   * is released with a record, never left in silence: recorded as overflowed by the system.
   */
  async #release(channelId: string, error: Error): Promise<void> {
    const call = this.calls.byChannel(channelId);
    if (isGoneError(error)) this.deps.log.info({ channelId, callId: call?.id, err: error.message }, 'the caller hung up while being taken');
    else this.deps.log.error({ channelId, callId: call?.id, err: error.message }, 'could not take the call; releasing the caller');
    if (call && call.state !== 'ended') {
      const inRouting = this.deps.routing.position(call.id) !== undefined;
      this.notifier.publish(call, { type: 'call.overflowed', fromQueueId: call.queueId, target: { kind: 'goodbye' } });
      await this.#end(call, 'overflowed', 'system', { inRouting });
    }
    await tryHangup(this.deps.ari, channelId, this.deps.log);
  }

  /**
   * A caller joins a queue as a new call: on arrival (answered and greeted), or passed on by an
   * agent (blind transfer: straight to the queue's treatment, or ringing the chosen agent at once).
   */
  async #admit(channelId: string, queue: Queue, customerNumber: string, customerTier: string, entry: { arriving: boolean; forAgent?: string }): Promise<void> {
    const { arriving } = entry;
    const now = this.#now();
    const id = randomUUID();
    const call: LiveCall = {
      id,
      callerChannelId: channelId,
      queueId: queue.id,
      customerNumber,
      customerTier,
      state: arriving ? 'greeting' : 'waiting',
      enqueuedAt: now,
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
      callback: null,
      hold: { since: null, totalMs: 0 },
      muted: false,
      log: this.deps.log.child({ callId: id, channelId, queueId: queue.id }),
    };
    this.calls.add(call);
    call.log.info({ customerNumber, customerTier, arriving }, arriving ? 'call arrived' : 'call transferred in');
    this.notifier.publish(call, { type: 'call.enqueued', channelId, queueId: queue.id, customerNumber, customerTier });
    this.deps.metrics.callsOffered.inc({ queue: queue.id });
    if (arriving) {
      await this.deps.ari.answer(channelId);
      await this.audio.play(call, [GREETING], playbackId(id, 'greeting'));
    }
    const input = routeInput(call);
    // The router's clock only moves forward, and other calls moved it while this one was answered:
    // it takes the call at the present, not at its arrival.
    if (entry.forAgent && (await this.#offerTo(call, input, entry.forAgent, this.#now()))) return;
    const outcome = this.deps.routing.enqueue(input, this.#now());
    if (!outcome.accepted) return this.#overflow(call, outcome.overflow);
    if (!arriving) await this.treatment.announce(call);
    this.#updateWaitingGauge(queue.id);
    await this.dispatch();
  }

  /** Rings one agent for the call at once; false when that agent is no longer Ready (it then queues). */
  async #offerTo(call: LiveCall, input: { id: string; queueId: string; priority: number }, agentId: string, now: number): Promise<boolean> {
    let offer: RouteOffer;
    try {
      offer = this.deps.routing.offerTo(input, agentId, now);
    } catch (error) {
      if (error instanceof AcdError && error.code === 'AGENT_NOT_READY') {
        call.log.info({ agentId }, 'the agent chosen for the transfer is busy now: the caller waits in the queue');
        return false;
      }
      throw error;
    }
    this.#updateWaitingGauge(call.queueId);
    await this.treatment.hold(call);
    await this.#ringAgent(call, offer);
    this.#armTimer();
    return true;
  }

  /** Blind transfer of a talking call to a queue or a Ready agent (see transfer.ts). */
  transfer(callId: string, target: TransferTarget): Promise<TransferResult> {
    return this.#transfers.transfer(callId, target);
  }

  async #ringAgent(call: LiveCall, { agentId, rationale }: RouteOffer): Promise<void> {
    const queue = this.deps.queueById(call.queueId);
    call.offers += 1;
    call.state = 'ringing';
    call.agentId = agentId;
    const channelId = `${call.id}-agent-${call.offers}`;
    this.calls.setAgentChannel(call, channelId);
    call.log.info({ agentId, agentChannelId: channelId }, 'ringing agent');
    this.#prepareBridge(call);
    // The rationale travels with the offer into the call's timeline: "why did this agent get it".
    this.notifier.publish(call, { type: 'call.offered', agentId, routing: { ...rationale } }, `offered-${call.offers}`);
    try {
      await this.deps.ari.originate({
        channelId,
        endpoint: this.deps.dialString(agentId),
        appArgs: `agent-leg,${call.id}`,
        // The softphone shows who is calling and for which queue before the agent picks up.
        // Phones show the display name before the number, so the number leads it.
        callerId: `"${call.callback ? 'Callback ' : ''}${call.customerNumber} · ${queue?.name ?? call.queueId}" <${call.customerNumber}>`,
        // The router's ring timeout decides; Asterisk's is only a backstop.
        timeoutSecs: (queue?.ringTimeoutSecs ?? 15) + 5,
        variables: { HOTLINE_CALL_ID: call.id, HOTLINE_QUEUE: call.queueId },
        // The agent leg belongs to the caller's call in Asterisk's own records too (a callback has no caller on the line).
        ...(call.callback ? {} : { originator: call.callerChannelId }),
      });
    } catch (error) {
      call.log.warn({ agentId, err: (error as Error).message }, 'could not ring agent');
      await this.#agentLeft(call);
    }
  }

  /** The agent picked up the leg rung for a call (Stasis `agent-leg,<call id>`). */
  async agentLegAnswered(channelId: string, callId: string): Promise<void> {
    const call = this.calls.get(callId);
    if (!call || call.agentChannelId !== channelId || call.state !== 'ringing') {
      // An answer that arrives after the caller left or the offer moved on: release that leg.
      await tryHangup(this.deps.ari, channelId, this.deps.log);
      return;
    }
    if (call.callback) return this.callbacks.agentAnswered(call, channelId);
    const now = this.#now();
    call.state = 'talking';
    call.answeredAt = now;
    this.deps.routing.answered(call.id, now);
    // Published at once and stamped when the agent picked up: bridging takes a while under load,
    // and the record's wait and talk must not move by it.
    this.notifier.publish(call, { type: 'call.answered', agentId: call.agentId ?? '' }, undefined, now);
    const bridge = this.#prepareBridge(call);
    const [, ready] = await Promise.all([this.treatment.silence(call), bridge.ready]);
    call.bridgeId = bridge.id;
    if (!ready) await this.deps.ari.createBridge(bridge.id);
    await Promise.all([this.deps.ari.addToBridge(bridge.id, call.callerChannelId), this.deps.ari.addToBridge(bridge.id, channelId)]);
    await this.#connected(call);
  }

  /** The caller's bridge, made once while the first agent rings (a callback makes its own per attempt). */
  #prepareBridge(call: LiveCall): { id: string; ready: Promise<boolean> } {
    call.preparedBridge ??= {
      id: call.id,
      ready: this.deps.ari.createBridge(call.id).then(
        () => true,
        (error: Error) => {
          call.log.warn({ err: error.message }, 'could not prepare the bridge; it is made when the agent answers');
          return false;
        },
      ),
    };
    return call.preparedBridge;
  }

  /** Caller and agent are bridged: record by the queue's policy and tell the caller the agent's number. */
  async #connected(call: LiveCall): Promise<void> {
    // Someone hung up while the bridge was being made: the call is over, nothing to record or announce.
    if (call.state !== 'talking') return;
    const queue = this.deps.queueById(call.queueId);
    if (queue && shouldRecord(queue.recording, this.#random)) await this.recorder.start(call);
    // "Agent 1003 will serve you": only the caller's channel hears it.
    await this.audio.play(call, agentNumberMedia(call.agentId ?? ''), playbackId(call.id, 'agent-number'));
    call.log.info({ agentId: call.agentId, waitMs: (call.answeredAt ?? this.#now()) - call.enqueuedAt }, 'caller connected to agent');
    this.deps.metrics.callsAnswered.inc({ queue: call.queueId });
    this.#updateWaitingGauge(call.queueId);
  }

  // Both leave handlers end the call before any await: StasisEnd and ChannelDestroyed arrive for
  // the same channel, and the second must find the call already ended.
  async #callerLeft(call: LiveCall): Promise<void> {
    const wasTalking = call.state === 'talking';
    const inVoicemail = call.state === 'voicemail';
    const agentLeg = call.agentChannelId;
    if (!wasTalking && !inVoicemail) this.deps.metrics.callsAbandoned.inc({ queue: call.queueId });
    await this.#end(call, wasTalking ? 'answered' : inVoicemail ? 'voicemail' : 'abandoned', 'caller', { inRouting: !inVoicemail });
    if (agentLeg) await tryHangup(this.deps.ari, agentLeg, call.log);
  }

  async #agentLeft(call: LiveCall): Promise<void> {
    if (call.state === 'talking') {
      await this.#end(call, 'answered', 'agent');
      // The agent hung up first, so the caller is still here: the only moment a survey is offered.
      const survey = this.deps.queueById(call.queueId)?.survey.mode ?? 'off';
      if (survey !== 'off') await this.survey.start(call, survey);
      else await tryHangup(this.deps.ari, call.callerChannelId, call.log);
      return;
    }
    // Not answered, busy, unreachable or ring timeout: the caller keeps their place.
    call.log.info({ agentId: call.agentId }, 'agent did not answer');
    this.deps.routing.offerFailed(call.id, this.#now());
    this.#backToWaiting(call);
    await this.dispatch();
  }

  #backToWaiting(call: LiveCall): void {
    call.state = call.callback ? 'callback' : 'waiting';
    call.agentId = null;
    this.calls.setAgentChannel(call, null);
    this.notifier.changed(call, 'returned');
  }

  /** One timer for the router's next deadline (ring timeout, max wait, wrap-up end, skill expansion). */
  #armTimer(): void {
    clearTimeout(this.#timer);
    const at = this.deps.routing.nextDeadline();
    if (at === undefined) return;
    this.#timer = setTimeout(() => void this.#expire().catch((error: Error) => this.deps.log.error({ err: error.message }, 'expiry failed')), Math.max(0, at - this.#now()));
  }

  async #expire(): Promise<void> {
    const { overflows, missedCallIds } = this.deps.routing.expire(this.#now());
    for (const callId of missedCallIds) {
      const call = this.calls.get(callId);
      if (!call) continue;
      call.log.info({ agentId: call.agentId }, 'ring-no-answer: the call keeps its place, the agent is set not ready');
      const leg = call.agentChannelId;
      this.#backToWaiting(call);
      if (leg) await tryHangup(this.deps.ari, leg, call.log);
    }
    for (const { callId, target } of overflows) {
      const call = this.calls.get(callId);
      if (call) await this.#overflow(call, target);
    }
    await this.dispatch();
  }

  /** Max wait reached or queue full: move to the target queue, take a voicemail, or thank the caller and end. */
  async #overflow(call: LiveCall, target: OverflowTarget): Promise<void> {
    call.log.info({ target }, 'call overflows');
    const fromQueueId = call.queueId;
    if (target.kind === 'queue' && this.deps.queueById(target.queueId)) {
      const outcome = this.deps.routing.enqueue(routeInput({ ...call, queueId: target.queueId }), this.#now());
      if (outcome.accepted) {
        call.queueId = target.queueId;
        this.notifier.publish(call, { type: 'call.overflowed', fromQueueId, target }, `overflowed-${target.queueId}`);
        this.#updateWaitingGauge(fromQueueId);
        this.#updateWaitingGauge(call.queueId);
        return;
      }
    }
    this.notifier.publish(call, { type: 'call.overflowed', fromQueueId, target });
    if (target.kind === 'voicemail') return this.voicemail.take(call);
    await this.#end(call, 'overflowed', 'system', { inRouting: false });
    await tryHangup(this.deps.ari, call.callerChannelId, call.log);
  }

  async #end(
    call: LiveCall,
    outcome: 'answered' | 'abandoned' | 'overflowed' | 'voicemail',
    hangupBy: 'caller' | 'agent' | 'system' | 'supervisor',
    { inRouting = true, transferredTo, at, callbackStatus }: { inRouting?: boolean; transferredTo?: string; at?: number; callbackStatus?: 'failed' } = {},
  ): Promise<void> {
    const now = at ?? this.#now();
    const wasHeld = call.hold.since !== null;
    const holdMs = this.controls.closeHold(call, now);
    // The agent is on the call (talking, or waiting for a callback's customer to pick up).
    const agentOnIt = outcome === 'answered' || call.state === 'calling-back';
    // A callback is recorded as one, whatever ended it: it is reported apart from calls answered or abandoned in line.
    const { callback } = call;
    if (callback) {
      callback.status = callbackStatus ?? (outcome === 'answered' ? 'completed' : 'cancelled');
      this.callbacks.forget(call);
    }
    call.state = 'ended';
    call.endedAt = now;
    call.outcome = callback ? 'callback' : outcome;
    clearTimeout(call.announceTimer);
    // A caller left on hold by an agent who hung up goes on to the survey: music off, voice back.
    if (wasHeld) {
      await this.deps.ari.stopMoh(call.callerChannelId).catch(() => undefined);
      await this.deps.ari.unmute(call.callerChannelId, 'in').catch(() => undefined);
    }
    // An overflowed call has already left the router; everything else is settled there now.
    if (inRouting) this.deps.routing.ended({ id: call.id, agentId: call.agentId, talked: agentOnIt }, now);
    if (!callback && (outcome === 'answered' || outcome === 'abandoned')) this.treatment.abandonRates.add(call.queueId, outcome === 'abandoned');
    if (outcome === 'answered' && call.answeredAt !== null) {
      this.treatment.handleTimes.add(call.queueId, (now - call.answeredAt) / 1000 + (this.deps.queueById(call.queueId)?.wrapupSecs ?? 0));
    }
    await this.#destroyBridges(call);
    // Not awaited: with Redis away the job waits in the client's queue, and the call must not.
    this.recorder.finalise(call, RECORDING_BACKSTOP_MS).catch((error: Error) => call.log.error({ err: error.message }, 'could not queue the recording'));
    call.log.info({ outcome, hangupBy }, 'call ended');
    this.#updateWaitingGauge(call.queueId);
    const ended = { outcome: call.outcome, hangupBy, holdSecs: holdMs / 1000, ...(transferredTo ? { transferredTo } : {}), ...(callback?.status ? { callbackStatus: callback.status } : {}) };
    this.notifier.publish(call, { type: 'call.ended', ...ended }, undefined, now);
    setTimeout(() => this.calls.remove(call), ENDED_RETENTION_MS).unref();
    this.notifier.ended(call);
    await this.dispatch();
  }

  /** The call's bridge, and the one prepared for it if that went unused (once its creation has settled). */
  async #destroyBridges(call: LiveCall): Promise<void> {
    const prepared = call.preparedBridge;
    if (prepared) await prepared.ready;
    for (const id of new Set([call.bridgeId, prepared?.id])) if (id) await this.deps.ari.destroyBridge(id).catch(() => undefined);
  }

  #surveyed({ call, scale, score }: SurveyResult): void {
    call.log.info({ scale, score }, score === null ? 'survey offered, not answered' : 'survey answered');
    this.notifier.publish(call, { type: 'call.surveyed', scale, score });
    this.notifier.surveyed({ call, scale, score });
    if (score === null) return;
    this.deps.events
      .processSurvey({ callId: call.id, agentId: call.agentId, queueId: call.queueId, customerNumber: call.customerNumber, scale, score, at: this.#now() })
      .catch((error: Error) => call.log.error({ err: error.message }, 'could not hand the survey to the workers'));
  }

  #updateWaitingGauge(queueId: string): void {
    const waiting = this.calls.list().filter((c) => c.queueId === queueId && (c.state === 'greeting' || c.state === 'waiting' || c.state === 'ringing'));
    this.deps.metrics.callsWaiting.set({ queue: queueId }, waiting.length);
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

