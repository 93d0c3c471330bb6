import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import { tryHangup } from '@hotline/asterisk';
import type { OutboundStatus, Queue } from '@hotline/contracts';
import type { RoutingPort } from '../routing/routing-port.js';
import type { AriPort } from './ari-port.js';
import type { CallEnd } from './call-end.js';
import type { CallNotifier } from './call-notifier.js';
import { shouldRecord, type CallRecorder } from './call-recording.js';
import { CALLBACK_TRUNK } from './callback-flow.js';
import type { LiveCall, LiveCalls } from './live-calls.js';
import { playbackId } from './media.js';

/** What placing calls uses of the call flow it belongs to. */
export interface OutboundHost {
  ari: Pick<AriPort, 'originate' | 'createBridge' | 'addToBridge' | 'play' | 'stopPlayback' | 'hangup'>;
  calls: LiveCalls;
  routing: Pick<RoutingPort, 'takeForOutbound' | 'answered'>;
  notifier: CallNotifier;
  recorder: Pick<CallRecorder, 'start'>;
  log: FastifyBaseLogger;
  now: () => number;
  random: () => number;
  end: CallEnd;
  queueById(id: string): Queue | undefined;
  /** The channel to ring for an agent (their browser phone or desk phone). */
  dialString(agentId: string): string;
  /** How long the customer's phone rings. */
  customerRingSecs: number;
}

/** Q.850 causes of a customer leg that never answered, as the record tells them. */
function unansweredStatus(cause: number | undefined): OutboundStatus {
  if (cause === 17) return 'busy';
  if (cause === 18 || cause === 19 || cause === 16) return 'no-answer';
  return 'failed';
}

/**
 * Calls agents place (click-to-dial), through the same trunk callbacks leave by. The agent's own
 * phone rings first, so nothing is dialled until the agent is there; then the customer's number,
 * showing the queue's number, while the agent hears ringing; once the customer answers both talk
 * in one bridge, recorded by the queue's policy. The router holds the agent throughout, so no
 * queue call is offered meanwhile; the record's outcome is 'outbound', with how it went.
 */
export class OutboundCalls {
  constructor(private readonly host: OutboundHost) {}

  /** Rings the agent for a call to `number` showing `queue`'s number; undefined when the agent cannot take it now. */
  async dial(agentId: string, queue: Queue, number: string): Promise<LiveCall | undefined> {
    const { host } = this;
    const id = randomUUID();
    const now = host.now();
    if (!host.routing.takeForOutbound({ id, queueId: queue.id, priority: 0 }, agentId, now)) return undefined;
    const call: LiveCall = {
      id, callerChannelId: `${id}-customer`, queueId: queue.id, customerNumber: number, customerTier: 'standard', language: queue.language,
      state: 'dialing', enqueuedAt: now, agentId, agentChannelId: null, offers: 1, announcements: 0, announcedPosition: null,
      announceTimer: undefined, answeredAt: null, endedAt: null, outcome: null, callback: null, voicemail: null,
      outbound: { number, status: null, agentOnLine: false }, bridgeId: null, preparedBridge: null, audio: { playing: [], moh: false },
      recording: null, hold: { since: null, totalMs: 0 }, muted: false,
      log: host.log.child({ callId: id, queueId: queue.id, agentId, direction: 'outbound' }),
    };
    host.calls.add(call);
    host.calls.setAgentChannel(call, `${id}-agent`);
    host.notifier.publish(call, { type: 'call.dialing', agentId, queueId: queue.id, customerNumber: number }, undefined, now);
    call.log.info({ number }, 'outbound call: ringing the agent first');
    try {
      await host.ari.originate({
        channelId: `${id}-agent`,
        endpoint: host.dialString(agentId),
        appArgs: `outbound-agent,${id}`,
        callerId: `"Calling ${number}" <${number}>`,
        // Short of the router's ring timeout: an agent who lets their own call ring is not marked as missing an offer.
        timeoutSecs: Math.max(5, queue.ringTimeoutSecs - 1),
        variables: { HOTLINE_CALL_ID: id, HOTLINE_QUEUE: queue.id },
      });
    } catch (error) {
      call.log.warn({ err: (error as Error).message }, "could not ring the agent's phone");
      await this.#over(call, 'failed', 'system');
    }
    return call;
  }

  /** The agent took their phone: now the customer's is rung, and the agent hears it ring. */
  async agentAnswered(channelId: string, callId: string): Promise<void> {
    const { host } = this;
    const call = host.calls.get(callId);
    const queue = call && host.queueById(call.queueId);
    if (!call?.outbound || !queue || call.state !== 'dialing' || call.agentChannelId !== channelId) {
      await tryHangup(host.ari, channelId, host.log);
      return;
    }
    call.outbound.agentOnLine = true;
    host.routing.answered(call.id, host.now());
    call.bridgeId = call.id;
    try {
      await host.ari.createBridge(call.id);
      await host.ari.addToBridge(call.id, channelId);
      await host.ari.play(channelId, ['tone:ring'], playbackId(call.id, 'ringback'));
      await host.ari.originate({
        channelId: call.callerChannelId,
        endpoint: `PJSIP/${call.outbound.number}@${CALLBACK_TRUNK}`,
        appArgs: `outbound-customer,${call.id}`,
        callerId: `"${queue.name}" <${queue.number}>`,
        timeoutSecs: host.customerRingSecs,
        originator: channelId,
      });
      call.log.info('outbound call: the agent is on the line, ringing the customer');
    } catch (error) {
      call.log.warn({ err: (error as Error).message }, 'could not ring the customer');
      await this.#over(call, 'failed', 'system');
    }
  }

  /** The customer picked up: into the agent's bridge, recorded as the queue records its calls. */
  async customerAnswered(channelId: string, callId: string): Promise<void> {
    const { host } = this;
    const call = host.calls.get(callId);
    if (!call?.outbound || call.state !== 'dialing' || call.callerChannelId !== channelId || !call.bridgeId) {
      await tryHangup(host.ari, channelId, host.log);
      return;
    }
    const now = host.now();
    call.state = 'talking';
    call.answeredAt = now;
    call.outbound.status = 'answered';
    host.notifier.publish(call, { type: 'call.answered', agentId: call.agentId ?? '' }, undefined, now);
    await host.ari.stopPlayback(playbackId(call.id, 'ringback')).catch(() => undefined);
    await host.ari.addToBridge(call.bridgeId, channelId);
    call.log.info('outbound call: the customer answered');
    const queue = host.queueById(call.queueId);
    if (queue && shouldRecord(queue.recording, host.random)) await host.recorder.start(call);
  }

  /** One side of an outbound call hung up (or never answered): the call is over, the other side released. */
  async legGone(call: LiveCall, channelId: string, cause?: number): Promise<void> {
    const byCustomer = channelId === call.callerChannelId;
    if (call.state === 'talking') return this.#over(call, 'answered', byCustomer ? 'caller' : 'agent');
    // Before the customer answered: their phone did not take it, or the agent gave up.
    return this.#over(call, byCustomer ? unansweredStatus(cause) : 'cancelled', byCustomer ? 'caller' : 'agent');
  }

  /** The agent let their own call ring out (the router's ring timeout): nobody waits for it, it is over. */
  async agentRangOut(call: LiveCall): Promise<void> {
    await this.#over(call, 'cancelled', 'agent');
  }

  async #over(call: LiveCall, status: OutboundStatus, hangupBy: 'caller' | 'agent' | 'system'): Promise<void> {
    if (!call.outbound || call.state === 'ended') return;
    call.outbound.status = status;
    const legs = [call.agentChannelId, call.callerChannelId];
    await this.host.end(call, 'outbound', hangupBy, { outboundStatus: status });
    call.log.info({ status }, 'outbound call over');
    for (const leg of legs) if (leg) await tryHangup(this.host.ari, leg, call.log);
  }
}
