import type { KpiDefinition } from '@hotline/kpi';
import { figuresByQueue, kpiIntervals, observedUntil, type FiguresByQueue } from './figures.js';
import type { RecordedDay } from './recorded-day.js';
import { replay } from './replay.js';
import { changedScenario, changesAnything, recordedScenario, type WhatIfChanges } from './scenario.js';
import { validateReplay, type Validation } from './tolerance.js';

/** What a replay takes for granted; served with every answer so a reader can judge the prediction. */
export const REPLAY_ASSUMPTIONS: readonly string[] = [
  'Queue and agent settings are today\'s: their history is not kept, so the day is taken to have run under them.',
  'Callers arrive at their recorded times, in the queue they first entered, with the priority of their customer tier.',
  'An abandoned call\'s recorded wait is its caller\'s patience. A caller who was answered or sent on after waiting w showed only that their patience is longer than w: they get a patience drawn, beyond w, from the day\'s callers (a Kaplan–Meier estimate over abandoned and answered waits, per queue with at least 5 abandons), the same draw in every replay. One the record never saw give up at so long a wait waits as long as the replay makes them (up to the queue\'s max wait).',
  'An answered call keeps its recorded ring and talk time; a call nobody answered gets its queue\'s mean talk time and the day\'s median ring time if the replay has it answered.',
  'Wrap-up runs on the queue\'s timer; each agent ends it as much earlier, or extends it as much, as recorded for that call.',
  'Agents log in, go Ready, Not ready and log out when their recorded timeline says (an added agent copies another\'s timeline, or is Ready all day); one busy with a call at that moment finishes the call and its wrap-up first. A Not ready set by a missed offer is not replayed: the replay makes its own.',
  'Occupancy is measured, in the record and in the replay alike, up to where each agent\'s recorded timeline ends: the state an agent is in now is not stored yet.',
  'Every offer is answered after its ring time unless the queue\'s ring timeout comes first; an agent who misses one is Ready again at once.',
  'A caller who chose a callback is replayed as one who waits on the line (callbacks are not modelled): the prediction counts that call as offered, the record reports it apart.',
];

export interface WhatIfResult {
  queueIds: string[];
  actual: FiguresByQueue;
  /** The day replayed under its own rules and staffing: how far the simulator is from the record. */
  replayedUnchanged: FiguresByQueue;
  predicted: FiguresByQueue;
  validation: Validation;
  assumptions: string[];
}

/**
 * Replays the recorded day under its own rules and under the changed ones, and sets both beside
 * the recorded figures, under one KPI definition. `queueIds` narrows what is reported (every
 * queue is replayed, as agents serve several); `now` closes agent states still open.
 */
export function whatIf(day: RecordedDay, changes: WhatIfChanges, definition: KpiDefinition, queueIds: readonly string[] | undefined, now: number): WhatIfResult {
  const recorded = recordedScenario(day);
  const changed = changesAnything(changes) ? changedScenario(recorded, changes, new Set(day.skills)) : recorded;
  const ids = queueIds ? [...queueIds] : [...new Set(day.calls.map((call) => call.queueId))].sort();
  const until = observedUntil(day.intervals, Math.min(now, day.period.end));
  const figures = (result: ReturnType<typeof replay>) => figuresByQueue(result.calls, kpiIntervals(result.intervals, day.period, until), definition, ids);

  const actual = figuresByQueue(day.calls, kpiIntervals(day.intervals, day.period, until), definition, ids);
  const replayedUnchanged = figures(replay(day, recorded));
  const predicted = changed === recorded ? replayedUnchanged : figures(replay(day, changed));
  return { queueIds: ids, actual, replayedUnchanged, predicted, validation: validateReplay(actual, replayedUnchanged), assumptions: [...REPLAY_ASSUMPTIONS] };
}
