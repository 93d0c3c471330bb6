import { callbackFigures, type CallbackFigures } from './callbacks.js';
import type { KpiDefinition } from './definition.js';
import { firstContactResolution, type FcrVerdict } from './fcr.js';
import { averageHandleTime, averageSpeedOfAnswer, averageWrapUp, longestWait, waitEstimateError } from './handling-time.js';
import { occupancy } from './occupancy.js';
import { outboundFigures, type OutboundFigures } from './outbound.js';
import { serviceLevel } from './service-level.js';
import { csatAverage, csatSatisfiedRate, netPromoterScore, surveyOfferRate, surveyResponseRate } from './survey.js';
import type { AgentStateInterval, CallRecord } from './types.js';
import { abandonRate, callsPerAgent, countOffered, countOutcome, countShortAbandoned } from './volume.js';

/**
 * Every KPI of one report row. Counts are calls; rates and shares are 0–1; times are seconds;
 * NPS is −100…100. A figure with nothing to divide by is null, never NaN.
 */
export interface KpiFigures extends CallbackFigures, OutboundFigures {
  offered: number;
  answered: number;
  abandoned: number;
  shortAbandoned: number;
  overflowed: number;
  voicemail: number;
  /** Callers whose number is blocked: never offered, so apart from every other count. */
  blocked: number;
  serviceLevel: number | null;
  asaSeconds: number | null;
  ahtSeconds: number | null;
  averageWrapUpSeconds: number | null;
  abandonRate: number | null;
  longestWaitSeconds: number | null;
  /** Mean absolute error of the announced wait estimates against the waits that followed. */
  estimateErrorSeconds: number | null;
  fcrRate: number | null;
  /** Answered calls whose FCR window reaches past the observed data; not in `fcrRate`. */
  fcrPending: number;
  occupancy: number | null;
  callsPerAgent: number | null;
  csatAverage: number | null;
  csatSatisfiedRate: number | null;
  nps: number | null;
  surveyOfferRate: number | null;
  surveyResponseRate: number | null;
}

export function computeFigures(
  calls: readonly CallRecord[],
  intervals: readonly AgentStateInterval[],
  definition: KpiDefinition,
  fcrVerdicts: ReadonlyMap<CallRecord, FcrVerdict>,
): KpiFigures {
  const fcr = firstContactResolution(calls, fcrVerdicts);
  return {
    offered: countOffered(calls, definition),
    answered: countOutcome(calls, 'answered', definition),
    abandoned: countOutcome(calls, 'abandoned', definition),
    shortAbandoned: countShortAbandoned(calls, definition),
    overflowed: countOutcome(calls, 'overflowed', definition),
    voicemail: countOutcome(calls, 'voicemail', definition),
    blocked: calls.filter((call) => call.outcome === 'blocked').length,
    serviceLevel: serviceLevel(calls, definition),
    asaSeconds: averageSpeedOfAnswer(calls),
    ahtSeconds: averageHandleTime(calls),
    averageWrapUpSeconds: averageWrapUp(calls),
    abandonRate: abandonRate(calls, definition),
    longestWaitSeconds: longestWait(calls),
    estimateErrorSeconds: waitEstimateError(calls),
    fcrRate: fcr.rate,
    fcrPending: fcr.pending,
    occupancy: occupancy(intervals, definition),
    callsPerAgent: callsPerAgent(calls),
    csatAverage: csatAverage(calls),
    csatSatisfiedRate: csatSatisfiedRate(calls),
    nps: netPromoterScore(calls),
    surveyOfferRate: surveyOfferRate(calls),
    surveyResponseRate: surveyResponseRate(calls),
    ...callbackFigures(calls),
    ...outboundFigures(calls),
  };
}
