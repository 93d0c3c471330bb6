import { mean, ratio } from './ratio.js';
import type { CallRecord, SurveyResult } from './types.js';
import { answeredCalls } from './volume.js';

/** Only answered calls can be surveyed (the caller stays on after the agent hangs up). */
function surveyedCalls(calls: readonly CallRecord[]): CallRecord[] {
  return answeredCalls(calls).filter((call) => call.surveyOffered);
}

function scores(calls: readonly CallRecord[], scale: SurveyResult['scale']): number[] {
  return surveyedCalls(calls).flatMap((call) => (call.survey?.scale === scale ? [call.survey.score] : []));
}

/** Mean CSAT score on the 1–5 scale. */
export function csatAverage(calls: readonly CallRecord[]): number | null {
  return mean(scores(calls, 'csat'));
}

/** Share 0–1 of CSAT answers that are 4 or 5. */
export function csatSatisfiedRate(calls: readonly CallRecord[]): number | null {
  const csat = scores(calls, 'csat');
  return ratio(csat.filter((score) => score >= 4).length, csat.length);
}

/** NPS on its usual −100…100 scale: % promoters (9–10) − % detractors (0–6). */
export function netPromoterScore(calls: readonly CallRecord[]): number | null {
  const nps = scores(calls, 'nps');
  const promoters = nps.filter((score) => score >= 9).length;
  const detractors = nps.filter((score) => score <= 6).length;
  return ratio(100 * (promoters - detractors), nps.length);
}

/** Share 0–1 of answered calls whose caller was offered the survey. */
export function surveyOfferRate(calls: readonly CallRecord[]): number | null {
  return ratio(surveyedCalls(calls).length, answeredCalls(calls).length);
}

/** Share 0–1 of offered surveys that the caller answered. */
export function surveyResponseRate(calls: readonly CallRecord[]): number | null {
  const offered = surveyedCalls(calls);
  return ratio(offered.filter((call) => call.survey !== null).length, offered.length);
}
