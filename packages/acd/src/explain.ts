// Why a call is routed as it is: every agent's standing for one call, from the engine's records.
import { DEVICE_OFFLINE } from './agent-state.js';
import { byPreference } from './ready-agents.js';
import { skillScore, thresholdsAt } from './skill-thresholds.js';
import type { AgentRecord, CallRecord } from './records.js';
import type { Strategy } from './types.js';

/** Why an agent is not a candidate for a call. */
export type SkipReason =
  | { kind: 'skill-below-threshold'; skill: string; level: number; required: number }
  | { kind: 'logged-out' }
  | { kind: 'not-ready'; reason: string }
  | { kind: 'device-offline' }
  | { kind: 'wrap-up'; until: number | null }
  | { kind: 'busy'; state: 'Reserved' | 'OnCall'; callId: string | null };

/** A qualified Ready agent with the key the queue's strategy orders by (higher score, then longer idle). */
export interface Candidate {
  agentId: string;
  skillScore: number;
  idleSince: number;
}

export interface RoutingExplanation {
  callId: string;
  queueId: string;
  strategy: Strategy;
  at: number;
  waitedMs: number;
  /** The skill levels the call asks for now, after expansion. */
  thresholds: { skill: string; minLevel: number }[];
  /** The agent ringing for this call, if any. */
  offeredTo: string | null;
  /** Everyone who could take the call now, in the strategy's order (the first would be picked next). */
  candidates: Candidate[];
  skipped: { agentId: string; reason: SkipReason }[];
  /** How many agents were skipped for each reason (the lists above are capped). */
  skippedCounts: Partial<Record<SkipReason['kind'], number>>;
}

/** Lists are capped so an explanation stays small with thousands of agents; the counts stay exact. */
export const EXPLANATION_LIST_LIMIT = 50;

function skipReason(agent: AgentRecord, call: CallRecord, waitedMs: number): SkipReason | undefined {
  for (const { skill, minLevel } of thresholdsAt(call.queue.config, waitedMs)) {
    const level = agent.skills.get(skill) ?? 0;
    if (level < minLevel) return { kind: 'skill-below-threshold', skill, level, required: minLevel };
  }
  const { state, reason } = agent.status;
  switch (state) {
    case 'LoggedOut':
      return { kind: 'logged-out' };
    case 'NotReady':
      return reason === DEVICE_OFFLINE ? { kind: 'device-offline' } : { kind: 'not-ready', reason: reason ?? '' };
    case 'WrapUp':
      return { kind: 'wrap-up', until: agent.wrapUp?.at ?? null };
    case 'Reserved':
    case 'OnCall':
      return { kind: 'busy', state, callId: agent.call?.id ?? null };
    case 'Ready':
      return agent.registered ? undefined : { kind: 'device-offline' };
  }
}

export function explainRouting(call: CallRecord, agents: Iterable<AgentRecord>, now: number, listLimit = EXPLANATION_LIST_LIMIT): RoutingExplanation {
  const queue = call.queue.config;
  const waitedMs = now - call.enqueuedAt;
  const candidates: AgentRecord[] = [];
  const skipped: RoutingExplanation['skipped'] = [];
  const skippedCounts: RoutingExplanation['skippedCounts'] = {};
  for (const agent of agents) {
    if (agent.call === call && agent.status.state === 'Reserved') continue; // the one ringing for it
    const reason = skipReason(agent, call, waitedMs);
    if (reason === undefined) {
      candidates.push(agent);
      continue;
    }
    skippedCounts[reason.kind] = (skippedCounts[reason.kind] ?? 0) + 1;
    if (skipped.length < listLimit) skipped.push({ agentId: agent.id, reason });
  }
  candidates.sort(byPreference(queue));
  return {
    callId: call.id,
    queueId: queue.id,
    strategy: queue.strategy,
    at: now,
    waitedMs,
    thresholds: thresholdsAt(queue, waitedMs).map(({ skill, minLevel }) => ({ skill, minLevel })),
    offeredTo: call.agent?.id ?? null,
    candidates: candidates.slice(0, listLimit).map((agent) => ({ agentId: agent.id, skillScore: skillScore(agent.skills, queue), idleSince: agent.idleSince })),
    skipped,
    skippedCounts,
  };
}
