import type { FastifyBaseLogger } from 'fastify';
import { tryHangup } from '@hotline/asterisk';
import type { Queue } from '@hotline/contracts';
import type { Metrics } from '../../plugins/metrics.js';
import type { RouteOffer, RoutingPort } from '../routing/routing-port.js';
import type { AriPort } from './ari-port.js';
import type { CallNotifier } from './call-notifier.js';
import { shouldRecord, type CallRecorder } from './call-recording.js';
import type { CallbackFlow } from './callback-flow.js';
import type { CallerAudio } from './caller-audio.js';
import type { LiveCall, LiveCalls } from './live-calls.js';
import { agentNumberMedia, playbackId, promptsFor } from './media.js';
import type { QueueTreatment } from './queue-treatment.js';

/** What ringing an agent and connecting them uses of the call flow it belongs to. */
export interface AgentLegHost {
  ari: Pick<AriPort, 'originate' | 'createBridge' | 'addToBridge' | 'hangup'>;
  audio: CallerAudio;
  calls: LiveCalls;
  routing: Pick<RoutingPort, 'answered'>;
  notifier: CallNotifier;
  treatment: Pick<QueueTreatment, 'silence'>;
  recorder: Pick<CallRecorder, 'start'>;
  callbacks: Pick<CallbackFlow, 'agentAnswered'>;
  metrics: Pick<Metrics, 'callsAnswered'>;
  log: FastifyBaseLogger;
  now: () => number;
  random: () => number;
  queueById(id: string): Queue | undefined;
  /** The channel to ring for an agent (their browser phone or desk phone). */
  dialString(agentId: string): string;
  /** The agent's leg could not be placed: the offer failed, the caller keeps their place. */
  unreached(call: LiveCall): Promise<void>;
  waitingChanged(queueId: string): void;
}

/**
 * The agent's side of a call: their leg rung with who is calling, the bridge made while it rings,
 * and once they answer the two bridged, recorded by the queue's policy, and the agent's number
 * announced to the caller.
 */
export class AgentLeg {
  constructor(private readonly host: AgentLegHost) {}

  async ring(call: LiveCall, { agentId, rationale }: RouteOffer): Promise<void> {
    const { host } = this;
    const queue = host.queueById(call.queueId);
    call.offers += 1;
    call.state = 'ringing';
    call.agentId = agentId;
    const channelId = `${call.id}-agent-${call.offers}`;
    host.calls.setAgentChannel(call, channelId);
    call.log.info({ agentId, agentChannelId: channelId }, 'ringing agent');
    this.#prepareBridge(call);
    // The rationale travels with the offer into the call's timeline: "why did this agent get it".
    host.notifier.publish(call, { type: 'call.offered', agentId, routing: { ...rationale } }, `offered-${call.offers}`);
    try {
      await host.ari.originate({
        channelId,
        endpoint: host.dialString(agentId),
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
      await host.unreached(call);
    }
  }

  /** The agent picked up the leg rung for a call (Stasis `agent-leg,<call id>`). */
  async answered(channelId: string, callId: string): Promise<void> {
    const { host } = this;
    const call = host.calls.get(callId);
    if (!call || call.agentChannelId !== channelId || call.state !== 'ringing') {
      // An answer that arrives after the caller left or the offer moved on: release that leg.
      await tryHangup(host.ari, channelId, host.log);
      return;
    }
    if (call.callback) return host.callbacks.agentAnswered(call, channelId);
    const now = host.now();
    call.state = 'talking';
    call.answeredAt = now;
    host.routing.answered(call.id, now);
    // Published at once and stamped when the agent picked up: bridging takes a while under load,
    // and the record's wait and talk must not move by it.
    host.notifier.publish(call, { type: 'call.answered', agentId: call.agentId ?? '' }, undefined, now);
    const bridge = this.#prepareBridge(call);
    const [, ready] = await Promise.all([host.treatment.silence(call), bridge.ready]);
    call.bridgeId = bridge.id;
    if (!ready) await host.ari.createBridge(bridge.id);
    await Promise.all([host.ari.addToBridge(bridge.id, call.callerChannelId), host.ari.addToBridge(bridge.id, channelId)]);
    await this.connected(call);
  }

  /** Caller and agent are bridged: record by the queue's policy and tell the caller the agent's number. */
  async connected(call: LiveCall): Promise<void> {
    const { host } = this;
    // Someone hung up while the bridge was being made: the call is over, nothing to record or announce.
    if (call.state !== 'talking') return;
    const queue = host.queueById(call.queueId);
    if (queue && shouldRecord(queue.recording, host.random)) await host.recorder.start(call);
    // "Agent 1003 will serve you": only the caller's channel hears it.
    await host.audio.play(call, agentNumberMedia(promptsFor(call.language), call.agentId ?? ''), playbackId(call.id, 'agent-number'));
    call.log.info({ agentId: call.agentId, waitMs: (call.answeredAt ?? host.now()) - call.enqueuedAt }, 'caller connected to agent');
    host.metrics.callsAnswered.inc({ queue: call.queueId });
    host.waitingChanged(call.queueId);
  }

  /** The caller's bridge, made once while the first agent rings (a callback makes its own per attempt). */
  #prepareBridge(call: LiveCall): { id: string; ready: Promise<boolean> } {
    call.preparedBridge ??= {
      id: call.id,
      ready: this.host.ari.createBridge(call.id).then(
        () => true,
        (error: Error) => {
          call.log.warn({ err: error.message }, 'could not prepare the bridge; it is made when the agent answers');
          return false;
        },
      ),
    };
    return call.preparedBridge;
  }
}
