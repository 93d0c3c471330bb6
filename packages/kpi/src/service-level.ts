import type { KpiDefinition, SlFormula } from './definition.js';
import { ratio } from './ratio.js';
import type { CallRecord } from './types.js';
import { offeredCalls } from './volume.js';

interface SlCounts {
  offered: number;
  answered: number;
  answeredWithin: number;
  abandonedWithin: number;
}

/** Numerator and denominator of each formula; a Record so a new formula cannot be forgotten. */
const FORMULAS: Record<SlFormula, (counts: SlCounts) => [number, number]> = {
  'answered-within / offered': (c) => [c.answeredWithin, c.offered],
  'answered-within / answered': (c) => [c.answeredWithin, c.answered],
  'answered-within / (offered - abandoned-within)': (c) => [c.answeredWithin, c.offered - c.abandonedWithin],
  '(answered-within + abandoned-within) / offered': (c) => [c.answeredWithin + c.abandonedWithin, c.offered],
};

/** Share 0–1 per `definition.slFormula`; "within" means a wait of at most the threshold. */
export function serviceLevel(calls: readonly CallRecord[], definition: KpiDefinition): number | null {
  const offered = offeredCalls(calls, definition);
  const within = offered.filter((call) => call.waitSeconds <= definition.slThresholdSeconds);
  const counts: SlCounts = {
    offered: offered.length,
    answered: offered.filter((call) => call.outcome === 'answered').length,
    answeredWithin: within.filter((call) => call.outcome === 'answered').length,
    abandonedWithin: within.filter((call) => call.outcome === 'abandoned').length,
  };
  const [numerator, denominator] = FORMULAS[definition.slFormula](counts);
  return ratio(numerator, denominator);
}
