import type { Queue } from '@hotline/contracts';
import { tryHangup } from '@hotline/asterisk';
import type { AriPort } from './ari-port.js';
import type { CallerAudio } from './caller-audio.js';
import type { InCallControls } from './in-call-controls.js';
import type { LiveCall, LiveCalls } from './live-calls.js';
import { surveyFollows } from './call-leave.js';
import type { SurveyIvr } from './survey-ivr.js';

/** A queue, a Ready agent, or the queue's survey (the agent hands the caller over to it and leaves). */
export type TransferTarget = { queueId: string } | { agentId: string } | { survey: true };
export type TransferResult = 'ok' | 'no-call' | 'no-queue' | 'agent-not-ready' | 'no-survey';

/** What a transfer uses of the call flow it belongs to. */
export interface TransferHost {
  ari: Pick<AriPort, 'hangup'>;
  audio: CallerAudio;
  calls: LiveCalls;
  controls: Pick<InCallControls, 'setHeld'>;
  queue(id: string): Queue | undefined;
  /** Whether the agent is Ready now (a blind transfer to them rings them at once). */
  agentReady(agentId: string): boolean;
  survey: Pick<SurveyIvr, 'start'>;
  end(call: LiveCall, outcome: 'answered', hangupBy: 'agent', options: { transferredTo: string }): Promise<void>;
  /** The caller joins a queue as a new call, without a greeting (for an agent: ringing them first). */
  admit(channelId: string, queue: Queue, customerNumber: string, customerTier: string, entry: { arriving: false; forAgent?: string }): Promise<void>;
}

export class Transfers {
  constructor(private readonly host: TransferHost) {}

  /**
   * Blind transfer: the agent passes the caller to a queue, or to another agent who is Ready. The
   * agent's call ends (with after-call work) and records where the caller went; the caller
   * continues as a new call (for an agent: in the same queue, ringing that agent first).
   */
  async transfer(callId: string, target: TransferTarget): Promise<TransferResult> {
    const call = this.host.calls.get(callId);
    if (!call || call.state !== 'talking') return 'no-call';
    if ('survey' in target) return this.#toSurvey(call);
    const toAgent = 'agentId' in target ? target.agentId : undefined;
    if (toAgent !== undefined && (toAgent === call.agentId || !this.host.agentReady(toAgent))) return 'agent-not-ready';
    const queue = this.host.queue('queueId' in target ? target.queueId : call.queueId);
    if (!queue) return 'no-queue';
    const agentLeg = call.agentChannelId;
    if (call.hold.since !== null) await this.host.controls.setHeld(call, false);
    // A playback still running on the caller holds up every later command on the channel.
    await this.host.audio.silence(call);
    await this.host.end(call, 'answered', 'agent', { transferredTo: toAgent === undefined ? `queue:${queue.id}` : `agent:${toAgent}` });
    if (agentLeg) await tryHangup(this.host.ari, agentLeg, call.log);
    await this.host.admit(call.callerChannelId, queue, call.customerNumber, call.customerTier, { arriving: false, ...(toAgent ? { forAgent: toAgent } : {}) });
    return 'ok';
  }

  /**
   * 转满意度: the agent hands the caller over to the queue's survey and leaves. The call ends as
   * the agent's (with after-call work), its record saying it went to the survey.
   */
  async #toSurvey(call: LiveCall): Promise<TransferResult> {
    const survey = this.host.queue(call.queueId)?.survey;
    if (call.callback || !surveyFollows(survey, 'handover')) return 'no-survey';
    const agentLeg = call.agentChannelId;
    await this.host.end(call, 'answered', 'agent', { transferredTo: 'survey' });
    if (agentLeg) await tryHangup(this.host.ari, agentLeg, call.log);
    await this.host.survey.start(call, survey.mode);
    return 'ok';
  }
}
