import type { FastifyBaseLogger } from 'fastify';
import { tryHangup } from '@hotline/asterisk';
import type { Queue } from '@hotline/contracts';
import type { BlockedNumber } from '@hotline/db';
import type { Metrics } from '../../plugins/metrics.js';
import type { OverflowTarget, RoutingPort } from '../routing/routing-port.js';
import type { JobBus } from '../../plugins/job-bus.js';
import { LiveCalls, type LiveCall } from './live-calls.js';
import { CallbackFlow } from './callback-flow.js';
import { parsePlaybackId } from './media.js';
import { SurveyIvr } from './survey-ivr.js';
import { InCallControls } from './in-call-controls.js';
import type { StoredCall } from './call-snapshot.js';
import type { AriPort } from './ari-port.js';
import { CallerAudio } from './caller-audio.js';
import { CallNotifier } from './call-notifier.js';
import { CallRecorder, type MixMonitorPort } from './call-recording.js';
import { QueueTreatment } from './queue-treatment.js';
import { Voicemail } from './voicemail.js';
import { Transfers, type TransferResult, type TransferTarget } from './transfer.js';
import { CallAdoption } from './call-adoption.js';
import { CallAdmission, type AdmissionLimits, type LoadReadings } from './call-admission.js';
import { AgentLeg } from './agent-leg.js';
import { endCall, routeInput, type CallEnd } from './call-end.js';
import { overflowCall } from './overflow.js';
import { agentLeft, callerLeft, offerMissed, type LeaveHost } from './call-leave.js';
import { OutboundCalls } from './outbound-calls.js';

export interface CallFlowDeps {
  ari: AriPort;
  mixer: MixMonitorPort;
  routing: RoutingPort;
  events: Pick<JobBus, 'publish' | 'finaliseRecording' | 'processSurvey' | 'fileVoicemail'>;
  metrics: Metrics;
  log: FastifyBaseLogger;
  queueByNumber(number: string): Queue | undefined;
  /** The block in force for a caller's number (features/blocked), if any. */
  blocked(number: string): BlockedNumber | undefined;
  queueById(id: string): Queue | undefined;
  customerTier(number: string): Promise<string>;
  /** For each agent who could take the call and is working: seconds until free (the staffing behind a wait estimate). */
  freeInSecs(callId: string, handleSecs: number): number[] | undefined;
  /** Whether the agent is Ready now (a blind transfer to them rings them at once). */
  agentReady(agentId: string): boolean;
  /** The channel to ring for an agent (their browser phone or desk phone). */
  dialString(agentId: string): string;
  /** When to refuse new callers, and how far behind the service is now. */
  admission: AdmissionLimits;
  /** How long the customer's phone rings on a call an agent places. */
  outboundRingSecs: number;
  load(): Omit<LoadReadings, 'arriving'>;
  now?: () => number;
  random?: () => number;
}

/**
 * The life of a customer call in the Stasis app, as one small core over its modules: admission
 * (refuse, answer, greet, queue), queue treatment, the agent's leg, recording, voicemail,
 * transfer, callbacks and crash adoption. The core dispatches the router's offers, keeps its
 * deadlines, and moves a call on when either side hangs up or the call overflows.
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
  readonly admission: CallAdmission;
  readonly agentLeg: AgentLeg;
  readonly outbound: OutboundCalls;
  readonly #transfers: Transfers;
  readonly #adoption: CallAdoption;
  readonly #end: CallEnd;
  readonly #leave: LeaveHost;
  readonly #overflow: (call: LiveCall, target: OverflowTarget) => Promise<void>;
  readonly #now: () => number;
  #timer: NodeJS.Timeout | undefined;
  #dispatchQueued = false;

  constructor(private readonly deps: CallFlowDeps) {
    const now = (this.#now = deps.now ?? Date.now);
    const { ari, routing, log, metrics } = deps;
    const calls = this.calls;
    const notifier = (this.notifier = new CallNotifier(deps.events, now));
    const audio = (this.audio = new CallerAudio(ari));
    const queueById = (id: string) => deps.queueById(id);
    const waitingChanged = (queueId: string) => this.#updateWaitingGauge(queueId);
    const dispatch = () => this.dispatch();
    const publish = notifier.publish.bind(notifier);
    const notify = notifier.changed.bind(notifier);
    const treatment = (this.treatment = new QueueTreatment({
      ari, audio, publish, notify,
      queue: queueById,
      position: (callId) => routing.position(callId),
      freeInSecs: (callId, handleSecs) => deps.freeInSecs(callId, handleSecs),
      callbackMedia: (call) => this.callbacks.offerMedia(call),
    }));
    const silence = (call: LiveCall) => treatment.silence(call);
    const recorder = (this.recorder = new CallRecorder({ mixer: deps.mixer, jobs: deps.events, now, publish, notify }));
    const controls = (this.controls = new InCallControls(ari, now, notify));
    const callbacks = { forget: (call: LiveCall) => this.callbacks.forget(call), agentAnswered: (call: LiveCall, leg: string) => this.callbacks.agentAnswered(call, leg) };
    const voicemail = { handOver: (call: LiveCall) => this.voicemail.handOver(call) };
    const endHost = { ari, calls, routing, notifier, controls, callbacks, treatment, recorder, voicemail, now, queueById, waitingChanged, dispatch };
    const end: CallEnd = (this.#end = (call, outcome, hangupBy, options) => endCall(endHost, call, outcome, hangupBy, options));
    this.voicemail = new Voicemail({ ari, audio, calls, jobs: deps.events, now, silence, end, leftLine: (call) => waitingChanged(call.queueId) });
    const survey = (this.survey = new SurveyIvr(ari, (result) => notifier.surveyed(result)));
    const backToWaiting = (call: LiveCall) => this.#backToWaiting(call);
    this.#leave = { ari, routing, metrics, survey, now, queueById, end, backToWaiting, dispatch };
    const random = deps.random ?? Math.random;
    const dialString = (agentId: string) => deps.dialString(agentId);
    const agentLeg = (this.agentLeg = new AgentLeg({
      ari, audio, calls, routing, notifier, treatment, recorder, callbacks, metrics, log, now, waitingChanged, queueById, random, dialString,
      unreached: (call) => agentLeft(this.#leave, call),
    }));
    this.outbound = new OutboundCalls({ ari, calls, routing, notifier, recorder, log, now, random, end, queueById, dialString, customerRingSecs: deps.outboundRingSecs });
    const overflow = (this.#overflow = (call: LiveCall, target: OverflowTarget) => overflowCall({ ari, routing, notifier, voicemail: this.voicemail, now, queueById, waitingChanged, end }, call, target));
    this.admission = new CallAdmission({
      ari, audio, calls, routing, notifier, treatment, metrics, log, now, end, overflow, waitingChanged, dispatch,
      limits: deps.admission,
      load: () => deps.load(),
      queueByNumber: (number) => deps.queueByNumber(number),
      blocked: (number) => deps.blocked(number),
      customerTier: (number) => deps.customerTier(number),
      ring: async (call, offer) => {
        await agentLeg.ring(call, offer);
        this.#armTimer();
      },
    });
    this.callbacks = new CallbackFlow({
      ari, audio, routing, calls, log, now, publish, notify, silence, dispatch,
      queue: queueById,
      input: (call) => routeInput(call),
      fail: (call) => end(call, 'abandoned', 'system', { inRouting: false, callbackStatus: 'failed' }),
      connected: (call) => agentLeg.connected(call),
    });
    // The one dispatcher: whatever frees an agent or changes a deadline outside the calls' own flow.
    // Once the change's caller is done (never in the middle of its steps), and once for a burst.
    routing.onWorkAvailable(() => {
      if (this.#dispatchQueued) return;
      this.#dispatchQueued = true;
      queueMicrotask(() => {
        this.#dispatchQueued = false;
        this.dispatch().catch((error: Error) => log.error({ err: error.message }, 'dispatch failed'));
      });
    });
    this.#transfers = new Transfers({
      ari, audio, calls, controls, end, survey,
      queue: queueById,
      agentReady: (agentId) => deps.agentReady(agentId),
      admit: (channelId, queue, number, tier, entry) => this.admission.admit(channelId, queue, number, tier, entry),
    });
    this.#adoption = new CallAdoption({
      ari, calls, routing, treatment, log, now, end, overflow, dispatch,
      callbacks: this.callbacks,
      input: (call) => routeInput(call),
      backToWaiting,
    });
  }

  /** A channel is gone (with its hang-up cause, when Asterisk gave one): whichever side it was, the call moves on. */
  async onChannelGone(channelId: string, cause?: number): Promise<void> {
    const call = this.calls.byChannel(channelId);
    // A booked callback has nobody on the line: the caller hanging up is expected.
    if (!call || call.state === 'ended' || call.state === 'callback') return;
    if (call.outbound) return this.outbound.legGone(call, channelId, cause);
    if (channelId === call.callerChannelId) return call.state === 'calling-back' ? this.callbacks.attemptOver(call, 'unreached') : callerLeft(this.#leave, call);
    if (channelId === call.agentChannelId) return call.state === 'calling-back' ? this.callbacks.attemptOver(call, 'agent-left') : agentLeft(this.#leave, call);
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
      await this.agentLeg.ring(call, offer);
    }
    if (deferred) return this.dispatch();
    this.#armTimer();
  }

  stop(): void {
    clearTimeout(this.#timer);
    this.callbacks.stop();
    for (const call of this.calls.list()) clearTimeout(call.announceTimer);
  }

  /** Blind transfer of a talking call to a queue or a Ready agent (see transfer.ts). */
  transfer(callId: string, target: TransferTarget): Promise<TransferResult> {
    return this.#transfers.transfer(callId, target);
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
      if (call) await (call.outbound ? this.outbound.agentRangOut(call) : offerMissed(this.#leave, call));
    }
    for (const { callId, target } of overflows) {
      const call = this.calls.get(callId);
      if (call) await this.#overflow(call, target);
    }
    await this.dispatch();
  }

  #updateWaitingGauge(queueId: string): void {
    const waiting = this.calls.list().filter((c) => c.queueId === queueId && (c.state === 'greeting' || c.state === 'waiting' || c.state === 'ringing'));
    this.deps.metrics.callsWaiting.set({ queue: queueId }, waiting.length);
  }
}
