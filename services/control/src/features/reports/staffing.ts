import { agentsNeeded, erlangC, type ArrivalRate, type ErlangCResult } from '@hotline/kpi';
import { ReportRequestError } from './request-error.js';
import type { ErlangCQuery, ErlangCView, StaffingQuery } from '@hotline/contracts/api/reports';

/** agentsNeeded walks agent counts one by one up past the offered load, so the load bounds a request's work. */
const MAX_TRAFFIC_ERLANGS = 10_000;

function boundedArrivals(query: StaffingQuery): ArrivalRate {
  const traffic = (query.calls / query.intervalSecs) * query.ahtSecs;
  if (traffic > MAX_TRAFFIC_ERLANGS) {
    throw new ReportRequestError(400, `querystring/calls: the offered load calls ÷ intervalSecs × ahtSecs is ${traffic} erlangs, more than ${MAX_TRAFFIC_ERLANGS}`);
  }
  return { calls: query.calls, intervalSeconds: query.intervalSecs };
}

/** JSON has no Infinity: an unbounded ASA (agents ≤ traffic) is null. */
const view = (result: ErlangCResult): ErlangCView => ({ ...result, asaSeconds: Number.isFinite(result.asaSeconds) ? result.asaSeconds : null });

export function erlangCFigures(query: ErlangCQuery): ErlangCView {
  return view(erlangC({ calls: query.calls, intervalSeconds: query.intervalSecs }, query.ahtSecs, query.agents, query.targetSecs));
}

export function staffingFigures(query: StaffingQuery): ErlangCView {
  return view(agentsNeeded(boundedArrivals(query), query.ahtSecs, query.targetServiceLevel, query.targetSecs));
}
