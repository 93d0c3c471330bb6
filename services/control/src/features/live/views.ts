import type { AgentSnapshot } from '@hotline/acd';
import { AGENT_STATE_NAMES, type Agent, type LiveAgent, type LiveCallView } from '@hotline/contracts';
import type { CallRecord } from '@hotline/kpi';
import type { LiveCall } from '../calls/live-calls.js';

export function liveAgent(agent: Agent, live: AgentSnapshot | undefined): LiveAgent {
  return {
    id: agent.id,
    name: agent.name,
    teamId: agent.teamId,
    state: live ? AGENT_STATE_NAMES[live.state] : 'logged-out',
    reason: live?.reason ?? null,
    since: live?.since ?? 0,
    deviceRegistered: live?.deviceRegistered ?? false,
    callId: live?.callId ?? null,
    wrapUpEndsAt: live?.wrapUpEndsAt ?? null,
  };
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
  };
}
