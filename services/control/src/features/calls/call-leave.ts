import { tryHangup } from '@hotline/asterisk';
import type { Queue, SurveyPolicy } from '@hotline/contracts';
import type { Metrics } from '../../plugins/metrics.js';
import type { RoutingPort } from '../routing/routing-port.js';
import type { AriPort } from './ari-port.js';
import type { CallEnd } from './call-end.js';
import type { LiveCall } from './live-calls.js';
import type { SurveyIvr } from './survey-ivr.js';

/** What a side leaving the call uses of the call flow it belongs to. */
export interface LeaveHost {
  ari: Pick<AriPort, 'hangup'>;
  routing: Pick<RoutingPort, 'offerFailed'>;
  metrics: Pick<Metrics, 'callsAbandoned'>;
  survey: Pick<SurveyIvr, 'start'>;
  now: () => number;
  queueById(id: string): Queue | undefined;
  end: CallEnd;
  /** The caller waits in line again (the offer to the agent is over). */
  backToWaiting(call: LiveCall): void;
  dispatch(): Promise<void>;
}

/** Whether the queue's survey follows this way of the agent leaving (a policy stored before triggers: on hang-up). */
export function surveyFollows(policy: SurveyPolicy | undefined, leaving: 'agent-hangs-up' | 'handover'): policy is SurveyPolicy & { mode: 'csat' | 'nps' } {
  if (!policy || policy.mode === 'off') return false;
  const trigger = policy.trigger ?? 'agent-hangs-up';
  return trigger === 'both' || trigger === leaving;
}

// Both end the call before any await: StasisEnd and ChannelDestroyed arrive for the same channel,
// and the second must find the call already ended.

/** The caller hung up: answered if they were talking, a voicemail if leaving one, else abandoned; the agent's leg goes. */
export async function callerLeft(host: LeaveHost, call: LiveCall): Promise<void> {
  const wasTalking = call.state === 'talking';
  const inVoicemail = call.state === 'voicemail';
  const agentLeg = call.agentChannelId;
  if (!wasTalking && !inVoicemail) host.metrics.callsAbandoned.inc({ queue: call.queueId });
  await host.end(call, wasTalking ? 'answered' : inVoicemail ? 'voicemail' : 'abandoned', 'caller', { inRouting: !inVoicemail });
  if (agentLeg) await tryHangup(host.ari, agentLeg, call.log);
}

/** The agent let the offer ring out: the call keeps its place (the router has set the agent Not ready). */
export async function offerMissed(host: LeaveHost, call: LiveCall): Promise<void> {
  call.log.info({ agentId: call.agentId }, 'ring-no-answer: the call keeps its place, the agent is set not ready');
  const leg = call.agentChannelId;
  host.backToWaiting(call);
  if (leg) await tryHangup(host.ari, leg, call.log);
}

/**
 * The agent's leg is gone: after talking, the call is over and the caller, still on the line,
 * may be offered the survey; before answering (busy, unreachable, refused), the caller keeps their place.
 */
export async function agentLeft(host: LeaveHost, call: LiveCall): Promise<void> {
  if (call.state === 'talking') {
    await host.end(call, 'answered', 'agent');
    const survey = host.queueById(call.queueId)?.survey;
    if (surveyFollows(survey, 'agent-hangs-up')) await host.survey.start(call, survey.mode);
    else await tryHangup(host.ari, call.callerChannelId, call.log);
    return;
  }
  call.log.info({ agentId: call.agentId }, 'agent did not answer');
  host.routing.offerFailed(call.id, host.now());
  host.backToWaiting(call);
  await host.dispatch();
}
