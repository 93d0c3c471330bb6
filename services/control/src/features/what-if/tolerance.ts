import type { FiguresByQueue, WhatIfFigures } from './figures.js';

/**
 * How closely a replay of a day under its own rules must reproduce the day's recorded figures
 * for the simulator to be trusted on it (measured against real recorded traffic: bench/RESULTS.md).
 * ASA may differ by the larger of the seconds and the share of the recorded ASA.
 */
export const REPLAY_TOLERANCE = {
  serviceLevelPoints: 3,
  asaSeconds: 2,
  asaShare: 0.1,
  abandonRatePoints: 2,
} as const;

/** Replayed minus recorded: points for shares, seconds for ASA; null when one side has no figure. */
export interface FigureDifferences {
  serviceLevelPoints: number | null;
  asaSeconds: number | null;
  abandonRatePoints: number | null;
  withinTolerance: boolean;
}

export interface Validation {
  tolerance: typeof REPLAY_TOLERANCE;
  withinTolerance: boolean;
  overall: FigureDifferences;
  queues: { queueId: string; differences: FigureDifferences }[];
}

/** Both missing is agreement; one missing is a difference beyond any tolerance. */
function difference(replayed: number | null, recorded: number | null, scale: number): number | null | 'missing' {
  if (replayed === null && recorded === null) return null;
  if (replayed === null || recorded === null) return 'missing';
  return (replayed - recorded) * scale;
}

function compare(recorded: WhatIfFigures, replayed: WhatIfFigures): FigureDifferences {
  const sl = difference(replayed.serviceLevel, recorded.serviceLevel, 100);
  const asa = difference(replayed.asaSeconds, recorded.asaSeconds, 1);
  const abandon = difference(replayed.abandonRate, recorded.abandonRate, 100);
  const asaAllowed = Math.max(REPLAY_TOLERANCE.asaSeconds, REPLAY_TOLERANCE.asaShare * (recorded.asaSeconds ?? 0));
  const within = (value: number | null | 'missing', allowed: number) => value !== 'missing' && Math.abs(value ?? 0) <= allowed;
  const value = (v: number | null | 'missing') => (v === 'missing' ? null : v);
  return {
    serviceLevelPoints: value(sl),
    asaSeconds: value(asa),
    abandonRatePoints: value(abandon),
    withinTolerance: within(sl, REPLAY_TOLERANCE.serviceLevelPoints) && within(asa, asaAllowed) && within(abandon, REPLAY_TOLERANCE.abandonRatePoints),
  };
}

/** The unchanged replay against the recorded figures, overall and per queue. */
export function validateReplay(recorded: FiguresByQueue, replayed: FiguresByQueue): Validation {
  const overall = compare(recorded.overall, replayed.overall);
  const queues = recorded.queues.map(({ queueId, figures }) => {
    const match = replayed.queues.find((q) => q.queueId === queueId);
    return { queueId, differences: compare(figures, (match as { figures: WhatIfFigures }).figures) };
  });
  return { tolerance: REPLAY_TOLERANCE, withinTolerance: overall.withinTolerance && queues.every((q) => q.differences.withinTolerance), overall, queues };
}
