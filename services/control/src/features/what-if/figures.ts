import { AGENT_STATE_NAMES } from '@hotline/contracts';
import { computeFigures, type AgentStateInterval, type CallRecord, type KpiDefinition, type TimeSpan } from '@hotline/kpi';

/** The figures a what-if compares, each computed by the same KPI functions the reports use. */
export interface WhatIfFigures {
  offered: number;
  answered: number;
  abandoned: number;
  overflowed: number;
  voicemail: number;
  serviceLevel: number | null;
  asaSeconds: number | null;
  abandonRate: number | null;
  ahtSeconds: number | null;
  occupancy: number | null;
}

export interface FiguresByQueue {
  overall: WhatIfFigures;
  queues: { queueId: string; figures: WhatIfFigures }[];
}

/** An interval in the engine's state names; `to` is null while still open. */
export interface EngineInterval {
  agentId: string;
  state: string;
  from: number;
  to: number | null;
}

/**
 * Where each agent's recorded timeline ends: the table keeps closed intervals, so an agent's state
 * after the last change is unknown; an interval still open is observed until `closeAt`. Agents
 * with no timeline of their own (added ones) are observed as long as anyone.
 */
export function observedUntil(recorded: readonly EngineInterval[], closeAt: number): (agentId: string) => number {
  const ends = new Map<string, number>();
  for (const interval of recorded) ends.set(interval.agentId, Math.max(ends.get(interval.agentId) ?? -Infinity, interval.to ?? closeAt));
  const latest = Math.max(...ends.values(), -Infinity);
  return (agentId) => ends.get(agentId) ?? latest;
}

/** Intervals clipped to the period and to what was observed of each agent, in the KPI state names. */
export function kpiIntervals(intervals: readonly EngineInterval[], period: TimeSpan, until: (agentId: string) => number): AgentStateInterval[] {
  return intervals.flatMap((interval) => {
    const state = (AGENT_STATE_NAMES as Record<string, AgentStateInterval['state']>)[interval.state];
    const end = Math.min(until(interval.agentId), period.end);
    const from = Math.max(interval.from, period.start);
    const to = Math.min(interval.to ?? end, end);
    return state === undefined || to <= from ? [] : [{ agentId: interval.agentId, state, from, to }];
  });
}

function pick(calls: readonly CallRecord[], intervals: readonly AgentStateInterval[], definition: KpiDefinition): WhatIfFigures {
  const all = computeFigures(calls, intervals, definition, new Map());
  const { offered, answered, abandoned, overflowed, voicemail, serviceLevel, asaSeconds, abandonRate, ahtSeconds, occupancy } = all;
  return { offered, answered, abandoned, overflowed, voicemail, serviceLevel, asaSeconds, abandonRate, ahtSeconds, occupancy };
}

/** Per queue and over those queues. Occupancy is the agents', shared by every queue, so it is given overall only. */
export function figuresByQueue(calls: readonly CallRecord[], intervals: readonly AgentStateInterval[], definition: KpiDefinition, queueIds: readonly string[]): FiguresByQueue {
  const inQueues = calls.filter((call) => queueIds.includes(call.queueId));
  return {
    overall: pick(inQueues, intervals, definition),
    queues: queueIds.map((queueId) => ({ queueId, figures: pick(inQueues.filter((call) => call.queueId === queueId), [], definition) })),
  };
}
