import type { OutboundStatus, Queue } from '@hotline/contracts';
import type { RoutingPort } from '../routing/routing-port.js';
import { tierPriority } from '../routing/tier-priority.js';
import type { AriPort } from './ari-port.js';
import type { CallNotifier } from './call-notifier.js';
import type { CallRecorder } from './call-recording.js';
import type { CallbackFlow } from './callback-flow.js';
import type { InCallControls } from './in-call-controls.js';
import type { LiveCall, LiveCalls } from './live-calls.js';
import type { QueueTreatment } from './queue-treatment.js';
import type { Voicemail } from './voicemail.js';

export type EndOutcome = 'answered' | 'abandoned' | 'overflowed' | 'voicemail' | 'blocked' | 'outbound';
export type HangupBy = 'caller' | 'agent' | 'system' | 'supervisor';

export interface EndOptions {
  /** False once the call has left the router (overflowed, in voicemail, a callback between attempts). */
  inRouting?: boolean;
  transferredTo?: string;
  /** When it ended, if not now (a call found over after a crash). */
  at?: number;
  callbackStatus?: 'failed';
  /** How an outbound call went (outcome 'outbound'). */
  outboundStatus?: OutboundStatus;
}

/** Ends a call: how every module of the call flow finishes one. */
export type CallEnd = (call: LiveCall, outcome: EndOutcome, hangupBy: HangupBy, options?: EndOptions) => Promise<void>;

/** A call as the router takes it: its queue, and its customer tier's priority. */
export function routeInput(call: Pick<LiveCall, 'id' | 'queueId' | 'customerTier'>) {
  return { id: call.id, queueId: call.queueId, priority: tierPriority(call.customerTier) };
}

/** What ending a call uses of the call flow it belongs to. */
export interface EndHost {
  ari: Pick<AriPort, 'stopMoh' | 'unmute' | 'destroyBridge'>;
  calls: LiveCalls;
  routing: Pick<RoutingPort, 'ended'>;
  notifier: CallNotifier;
  controls: Pick<InCallControls, 'closeHold'>;
  callbacks: Pick<CallbackFlow, 'forget'>;
  treatment: Pick<QueueTreatment, 'abandonRates' | 'handleTimes'>;
  recorder: Pick<CallRecorder, 'stop'>;
  voicemail: Pick<Voicemail, 'handOver'>;
  now: () => number;
  queueById(id: string): Queue | undefined;
  waitingChanged(queueId: string): void;
  dispatch(): Promise<void>;
}

/** How long an ended call stays readable through the API before only the stored record remains. */
const ENDED_RETENTION_MS = 10 * 60_000;
/**
 * The end of a call, however it ends: the router settled, the queue's running figures fed, the
 * bridges gone, the recording finalised, `call.ended` published once, and the freed agent offered on.
 */
export async function endCall(host: EndHost, call: LiveCall, asked: EndOutcome, hangupBy: HangupBy, options: EndOptions = {}): Promise<void> {
  const { inRouting = true, transferredTo, at, callbackStatus } = options;
  // A call an agent placed is recorded as outbound however it ends (a transfer, a supervisor ending it).
  const outcome = call.outbound ? 'outbound' : asked;
  const outboundStatus = call.outbound ? (options.outboundStatus ?? (call.state === 'talking' ? 'answered' : 'cancelled')) : undefined;
  const now = at ?? host.now();
  const wasHeld = call.hold.since !== null;
  const holdMs = host.controls.closeHold(call, now);
  // The agent is on the call (talking, or waiting for a callback's or an outbound call's customer to pick up).
  const agentOnIt = outcome === 'answered' || call.state === 'calling-back' || call.outbound?.agentOnLine === true;
  // A callback is recorded as one, whatever ended it: it is reported apart from calls answered or abandoned in line.
  const { callback } = call;
  if (callback) {
    callback.status = callbackStatus ?? (outcome === 'answered' ? 'completed' : 'cancelled');
    host.callbacks.forget(call);
  }
  call.state = 'ended';
  call.endedAt = now;
  call.outcome = callback ? 'callback' : outcome;
  clearTimeout(call.announceTimer);
  // A caller left on hold by an agent who hung up goes on to the survey: music off, voice back.
  if (wasHeld) {
    await host.ari.stopMoh(call.callerChannelId).catch(() => undefined);
    await host.ari.unmute(call.callerChannelId, 'in').catch(() => undefined);
  }
  // An overflowed call has already left the router; everything else is settled there now.
  if (inRouting) host.routing.ended({ id: call.id, agentId: call.agentId, talked: agentOnIt }, now);
  if (!callback && (outcome === 'answered' || outcome === 'abandoned')) host.treatment.abandonRates.add(call.queueId, outcome === 'abandoned');
  if (outcome === 'answered' && call.answeredAt !== null) {
    host.treatment.handleTimes.add(call.queueId, (now - call.answeredAt) / 1000 + (host.queueById(call.queueId)?.wrapupSecs ?? 0));
  }
  await destroyBridges(host, call);
  // Not awaited: with Redis away the job waits in the client's queue, and the call must not.
  host.recorder.stop(call).catch((error: Error) => call.log.error({ err: error.message }, 'could not queue the recording'));
  if (outcome === 'voicemail') host.voicemail.handOver(call);
  call.log.info({ outcome, hangupBy }, 'call ended');
  host.waitingChanged(call.queueId);
  const ended = { outcome: call.outcome, hangupBy, holdSecs: holdMs / 1000, ...(transferredTo ? { transferredTo } : {}), ...(callback?.status ? { callbackStatus: callback.status } : {}), ...(outboundStatus ? { outboundStatus } : {}) };
  host.notifier.publish(call, { type: 'call.ended', ...ended }, undefined, now);
  setTimeout(() => host.calls.remove(call), ENDED_RETENTION_MS).unref();
  host.notifier.ended(call);
  await host.dispatch();
}

/** The call's bridge, and the one prepared for it if that went unused (once its creation has settled). */
async function destroyBridges(host: EndHost, call: LiveCall): Promise<void> {
  const prepared = call.preparedBridge;
  if (prepared) await prepared.ready;
  for (const id of new Set([call.bridgeId, prepared?.id])) if (id) await host.ari.destroyBridge(id).catch(() => undefined);
}

