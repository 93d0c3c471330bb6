export type { AgentState, AgentStateInterval, CallbackResult, CallOutcome, CallRecord, OutboundResult, SurveyResult } from './types.js';
export { callbackFigures, type CallbackFigures } from './callbacks.js';
export { outboundFigures, type OutboundFigures } from './outbound.js';
export { KPI_DEFINITION_V1, type KpiDefinition, type SlFormula } from './definition.js';
export {
  abandonRate,
  answeredCalls,
  callsPerAgent,
  countOffered,
  countOutcome,
  countShortAbandoned,
  handledCalls,
  isOffered,
  isShortAbandon,
  offeredCalls,
} from './volume.js';
export { serviceLevel } from './service-level.js';
export { averageHandleTime, averageSpeedOfAnswer, averageWrapUp, longestWait, waitEstimateError } from './handling-time.js';
export { firstContactResolution, judgeFirstContacts, latestEnd, type FcrSummary, type FcrVerdict } from './fcr.js';
export { occupancy } from './occupancy.js';
export { csatAverage, csatSatisfiedRate, netPromoterScore, surveyOfferRate, surveyResponseRate } from './survey.js';
export { bucketOf, formatLocalTime, splitByBucket, type BucketSize, type TimeSpan } from './time-bucket.js';
export { computeFigures, type KpiFigures } from './figures.js';
export { report, type GroupBy, type KpiReport, type ReportFilter, type ReportOptions, type ReportRow } from './report.js';
export { reportToCsv } from './csv.js';
export { agentsNeeded, erlangC, type ArrivalRate, type ErlangCResult } from './erlang-c.js';
export { qaTotal, QA_MAX_MARK, type QaCriterion } from './qa.js';
