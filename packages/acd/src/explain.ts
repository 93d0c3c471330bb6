// Why a call is routed as it is: every agent's standing for one call (from the engine's records, or
// rebuilt from stored state intervals), and the constant-time rationale kept with each offer.
import { DEVICE_OFFLINE } from './agent-state.js';
import { byPreference, type IndexedAgent, type Ranking } from './ready-agents.js';
import { skillScore, thresholdsAt } from './skill-thresholds.js';
import type { AgentRecord, CallRecord } from './records.js';
import type { AgentState, Strategy } from './types.js';

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

/** A routing moment for one call: what it asked for then, and who it was ringing. */
export interface RoutingMoment {
  callId: string;
  queueId: string;
  strategy: Strategy;
  at: number;
  waitedMs: number;
  /** The skill levels the call asks for now, after expansion. */
  thresholds: { skill: string; minLevel: number }[];
  /** The agent ringing for this call, if any. */
  offeredTo: string | null;
}

/** Why an offer went to its agent, kept with the offer: the pick and its ordering keys, never a scan of everyone. */
export interface OfferRationale extends RoutingMoment {
  offeredTo: string;
  picked: Candidate;
}

export interface RoutingExplanation extends RoutingMoment {
  /** Everyone who could take the call now, in the strategy's order (the first would be picked next). */
  candidates: Candidate[];
  skipped: { agentId: string; reason: SkipReason }[];
  /** How many agents were skipped for each reason (the lists above are capped). */
  skippedCounts: Partial<Record<SkipReason['kind'], number>>;
}

/** One agent as routing saw it at a moment: live from the engine, or rebuilt from stored state intervals. */
export interface AgentStanding {
  readonly id: string;
  readonly skills: ReadonlyMap<string, number>;
  readonly state: AgentState;
  readonly reason?: string;
  readonly registered: boolean;
  readonly idleSince: number;
  readonly wrapUpUntil: number | null;
  readonly callId: string | null;
}

/** Lists are capped so an explanation stays small with thousands of agents; the counts stay exact. */
export const EXPLANATION_LIST_LIMIT = 50;

function skipReason(agent: AgentStanding, thresholds: RoutingMoment['thresholds']): SkipReason | undefined {
  for (const { skill, minLevel } of thresholds) {
    const level = agent.skills.get(skill) ?? 0;
    if (level < minLevel) return { kind: 'skill-below-threshold', skill, level, required: minLevel };
  }
  switch (agent.state) {
    case 'LoggedOut':
      return { kind: 'logged-out' };
    case 'NotReady':
      return agent.reason === DEVICE_OFFLINE ? { kind: 'device-offline' } : { kind: 'not-ready', reason: agent.reason ?? '' };
    case 'WrapUp':
      return { kind: 'wrap-up', until: agent.wrapUpUntil };
    case 'Reserved':
    case 'OnCall':
      return { kind: 'busy', state: agent.state, callId: agent.callId };
    case 'Ready':
      return agent.registered ? undefined : { kind: 'device-offline' };
  }
}

/** Every agent's standing for the call at a moment, besides the one ringing for it. */
export function explainStanding(moment: RoutingMoment, agents: Iterable<AgentStanding>, listLimit = EXPLANATION_LIST_LIMIT): RoutingExplanation {
  const candidates: AgentStanding[] = [];
  const skipped: RoutingExplanation['skipped'] = [];
  const skippedCounts: RoutingExplanation['skippedCounts'] = {};
  for (const agent of agents) {
    if (agent.id === moment.offeredTo) continue;
    const reason = skipReason(agent, moment.thresholds);
    if (reason === undefined) {
      candidates.push(agent);
      continue;
    }
    skippedCounts[reason.kind] = (skippedCounts[reason.kind] ?? 0) + 1;
    if (skipped.length < listLimit) skipped.push({ agentId: agent.id, reason });
  }
  const ranking = { strategy: moment.strategy, skills: moment.thresholds };
  candidates.sort(byPreference(ranking));
  return {
    ...moment,
    candidates: candidates.slice(0, listLimit).map((agent) => candidateOf(agent, ranking)),
    skipped,
    skippedCounts,
  };
}

function candidateOf(agent: IndexedAgent, ranking: Ranking): Candidate {
  return { agentId: agent.id, skillScore: skillScore(agent.skills, ranking), idleSince: agent.idleSince };
}

function momentOf(call: CallRecord, now: number): RoutingMoment {
  const queue = call.queue.config;
  const waitedMs = now - call.enqueuedAt;
  return {
    callId: call.id,
    queueId: queue.id,
    strategy: queue.strategy,
    at: now,
    waitedMs,
    thresholds: thresholdsAt(queue, waitedMs),
    offeredTo: call.agent?.id ?? null,
  };
}

function standingOf(agent: AgentRecord): AgentStanding {
  const { state, reason } = agent.status;
  return {
    id: agent.id,
    skills: agent.skills,
    state,
    ...(reason !== undefined && { reason }),
    registered: agent.registered,
    idleSince: agent.idleSince,
    wrapUpUntil: agent.wrapUp?.at ?? null,
    callId: agent.call?.id ?? null,
  };
}

/** The live standing of every agent for a waiting or ringing call. */
export function explainRouting(call: CallRecord, agents: Iterable<AgentRecord>, now: number, listLimit = EXPLANATION_LIST_LIMIT): RoutingExplanation {
  return explainStanding(momentOf(call, now), Array.from(agents, standingOf), listLimit);
}

/** Why the call just went to `agent`, in constant time. */
export function offerRationale(call: CallRecord, agent: AgentRecord, now: number): OfferRationale {
  return { ...momentOf(call, now), offeredTo: agent.id, picked: candidateOf(agent, call.queue.config) };
}
