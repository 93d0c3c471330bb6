import type { FastifyBaseLogger } from 'fastify';
import type { OverflowTarget, RoutingPort } from '../routing/routing-port.js';
import { tryHangup } from '@hotline/asterisk';
import type { AriPort } from './ari-port.js';
import type { CallbackFlow } from './callback-flow.js';
import type { StoredCall } from './call-snapshot.js';
import type { LiveCall, LiveCalls } from './live-calls.js';
import { playbackId } from './media.js';
import type { QueueTreatment } from './queue-treatment.js';

/** What taking calls up after a crash uses of the call flow it belongs to. */
export interface AdoptionHost {
  ari: Pick<AriPort, 'hangup' | 'destroyBridge'>;
  calls: LiveCalls;
  routing: Pick<RoutingPort, 'restoreTalking' | 'enqueue'>;
  callbacks: Pick<CallbackFlow, 'adopt'>;
  treatment: Pick<QueueTreatment, 'silence' | 'announce'>;
  log: FastifyBaseLogger;
  now(): number;
  /** The router's input for a call (its queue and its tier's priority). */
  input(call: LiveCall): { id: string; queueId: string; priority: number };
  end(call: LiveCall, outcome: 'answered' | 'abandoned' | 'voicemail', hangupBy: 'system', options: { inRouting: false; at: number }): Promise<void>;
  backToWaiting(call: LiveCall): void;
  overflow(call: LiveCall, target: OverflowTarget): Promise<void>;
  dispatch(): Promise<void>;
}

/** The calls a killed run was handling, taken up by the run that follows it. */
export class CallAdoption {
  constructor(private readonly host: AdoptionHost) {}

  /**
   * After a crash: takes up the calls of the last snapshot. A caller whose channel is gone ended
   * while the service was away (recorded as such); a talking call whose agent is still there goes
   * on (the agent is on it again in the router); otherwise the caller is put back in line at the
   * place their arrival gave them, and a booked callback goes back to its place. A call that is over is taken to have ended when the last run was
   * last seen alive (`lastSeenAt`): nobody knows better, and the present would inflate its times.
   * Returns how many were over.
   */
  async adopt(stored: readonly StoredCall[], alive: ReadonlySet<string>, lastSeenAt: number): Promise<number> {
    let over = 0;
    for (const snapshot of [...stored].sort((a, b) => a.enqueuedAt - b.enqueuedAt)) {
      const call: LiveCall = {
        ...snapshot,
        callback: snapshot.callback ?? null,
        // A snapshot written before voicemail progress was kept has none.
        voicemail: snapshot.voicemail ?? null,
        outbound: snapshot.outbound ?? null,
        language: snapshot.language ?? 'en',
        announceTimer: undefined,
        endedAt: null,
        outcome: null,
        preparedBridge: null,
        // Whatever the last run may have left playing.
        audio: { playing: [playbackId(snapshot.id, 'greeting'), ...(snapshot.announcements > 0 ? [playbackId(snapshot.id, 'announcement', snapshot.announcements)] : [])], moh: true },
        log: this.host.log.child({ callId: snapshot.id, channelId: snapshot.callerChannelId, queueId: snapshot.queueId }),
      };
      this.host.calls.add(call);
      this.host.calls.setAgentChannel(call, snapshot.agentChannelId);
      const agentLeg = snapshot.agentChannelId !== null && alive.has(snapshot.agentChannelId) ? snapshot.agentChannelId : null;
      const input = this.host.input(call);
      if (alive.has(call.callerChannelId) && call.state === 'talking' && agentLeg && call.agentId && this.host.routing.restoreTalking(input, call.agentId, this.host.now())) {
        call.log.info({ agentId: call.agentId }, 'talking call taken up again after a restart');
        continue;
      }
      if (call.callback && call.state !== 'talking') {
        await this.host.callbacks.adopt(call, [call.callerChannelId, agentLeg].filter((leg): leg is string => leg !== null && alive.has(leg)));
        continue;
      }
      if (!alive.has(call.callerChannelId) || call.state === 'talking' || call.state === 'voicemail') {
        // Gone while the service was away, or its agent is: the call is over, recorded once.
        over += 1;
        const outcome = call.state === 'talking' ? 'answered' : call.state === 'voicemail' ? 'voicemail' : 'abandoned';
        call.log.info({ outcome }, 'call ended while the service was away');
        await this.host.end(call, outcome, 'system', { inRouting: false, at: Math.max(lastSeenAt, call.answeredAt ?? call.enqueuedAt) });
        for (const leg of [call.callerChannelId, agentLeg]) if (leg) await tryHangup(this.host.ari, leg, call.log);
        continue;
      }
      this.host.backToWaiting(call);
      if (agentLeg) await tryHangup(this.host.ari, agentLeg, call.log);
      // A bridge the last run prepared for an agent who never answered.
      await this.host.ari.destroyBridge(call.id).catch(() => undefined);
      // The last run's prompt may still be playing, and would hold up every command after it.
      await this.host.treatment.silence(call);
      // Back at the place it had: its wait (and max wait) still counts from when it arrived.
      const outcome = this.host.routing.enqueue({ ...input, waitingSince: call.enqueuedAt }, this.host.now());
      if (!outcome.accepted) {
        await this.host.overflow(call, outcome.overflow);
        continue;
      }
      call.log.info('waiting caller taken up again after a restart');
      await this.host.treatment.announce(call);
    }
    await this.host.dispatch();
    return over;
  }
}
