import type { AgentSnapshot } from '@hotline/acd';
import type { Agent, LiveAgent, LiveCallView } from '@hotline/contracts';
import { agentView } from '../agents/agent-view.js';
import type { CallRecord } from '@hotline/kpi';
import type { LiveCall } from '../calls/live-calls.js';

/** The API's view of an agent, without the skills, plus when wrap-up ends. */
export function liveAgent(agent: Agent, live: AgentSnapshot | undefined): LiveAgent {
  const { skills: _skills, ...view } = agentView(agent, live);
  return { ...view, wrapUpEndsAt: live?.wrapUpEndsAt ?? null };
}

export function liveCallView(call: LiveCall): LiveCallView {
  const paused = call.recording?.pausedSpans.some((span) => span.toSecs === undefined) ?? false;
  return {
    id: call.id,
    queueId: call.queueId,
    customerNumber: call.customerNumber,
    customerTier: call.customerTier,
    state: call.state,
    agentId: call.agentId,
    enqueuedAt: call.enqueuedAt,
    answeredAt: call.answeredAt,
    endedAt: call.endedAt,
    outcome: call.outcome,
    recording: call.recording === null ? 'off' : paused ? 'paused' : 'on',
    held: call.hold.since !== null,
    muted: call.muted,
    callback: call.callback && { requestedAt: call.callback.requestedAt, attempts: call.callback.attempts, retryAt: call.callback.retryAt, status: call.callback.status },
  };
}

/** An ended call as the KPI functions count it (the stored record adds ring, hold and wrap-up). */
export function endedCallRecord(call: LiveCall): CallRecord | undefined {
  if (call.endedAt === null || call.outcome === null) return undefined;
  return {
    queueId: call.queueId,
    agentId: call.answeredAt === null ? null : call.agentId,
    customerNumber: call.customerNumber,
    enqueuedAt: call.enqueuedAt,
    answeredAt: call.answeredAt,
    endedAt: call.endedAt,
    outcome: call.outcome,
    waitSeconds: ((call.answeredAt ?? call.endedAt) - call.enqueuedAt) / 1000,
    ringSeconds: 0,
    talkSeconds: call.answeredAt === null ? 0 : (call.endedAt - call.answeredAt) / 1000,
    holdSeconds: call.hold.totalMs / 1000,
    wrapUpSeconds: 0,
    survey: null,
    surveyOffered: false,
    ...(call.callback?.status ? { callback: { requestedAt: call.callback.requestedAt, status: call.callback.status, attempts: call.callback.attempts } } : {}),
  };
}
