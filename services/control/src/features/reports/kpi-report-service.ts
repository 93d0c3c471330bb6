import type { KpiDefinitionRepository, KpiSourceRepository } from '@hotline/db';
import { formatLocalTime, report, type KpiReport, type TimeSpan } from '@hotline/kpi';
import { ReportRequestError } from './request-error.js';
import type { KpiReportQuery, KpiReportView } from '@hotline/contracts/api/reports';
import type { TeamScope } from '../auth/team-scope.js';

const DAY_MS = 86_400_000;
/** A year of call rows is the most one request may load and fold in memory. */
const MAX_PERIOD_DAYS = 366;

/** A report as served: always over a period, observed up to the moment of the request. */
export type ServedReport = KpiReport & { period: TimeSpan; observedUntil: number };

function periodOf(query: KpiReportQuery): TimeSpan {
  const start = Date.parse(query.from);
  const end = Date.parse(query.to);
  if (!(start < end)) throw new ReportRequestError(400, 'querystring/from must be earlier than querystring/to');
  if (end - start > MAX_PERIOD_DAYS * DAY_MS) throw new ReportRequestError(400, `querystring/to must be at most ${MAX_PERIOD_DAYS} days after querystring/from`);
  return { start, end };
}

/** Agents read only their own figures: a per-agent report narrowed to themselves. */
export function checkAgentMayRead(query: KpiReportQuery, agentId: string | null): void {
  if (query.groupBy !== 'agent' || agentId === null || query.agentId !== agentId) {
    throw new ReportRequestError(403, 'agents may only read their own figures: groupBy=agent&agentId=<own extension>');
  }
}

/**
 * A supervisor reads their own team's agents only: naming another team's agent is refused, and
 * per-agent or per-team rows are narrowed to their team (queue figures are everyone's).
 */
export function narrowToTeam(served: ServedReport, query: KpiReportQuery, scope: TeamScope): ServedReport {
  if (scope.team === undefined) return served;
  if (query.agentId !== undefined && !scope.agent(query.agentId)) {
    throw new ReportRequestError(403, `querystring/agentId: agent ${query.agentId} is outside your team`);
  }
  if (served.groupBy === 'agent') return { ...served, rows: served.rows.filter((row) => row.group !== null && scope.agent(row.group)) };
  if (served.groupBy === 'team') return { ...served, rows: served.rows.filter((row) => row.group !== null && row.group === scope.team) };
  return served;
}

/** KPI reports from the stored call rows and agent state intervals, under a stored definition version. */
export function createKpiReportService(sources: KpiSourceRepository, definitions: KpiDefinitionRepository) {
  async function definitionFor(version: number | undefined) {
    const stored = version === undefined ? await definitions.latest() : await definitions.get(version);
    if (!stored) throw new ReportRequestError(404, `querystring/definitionVersion: no KPI definition version ${version ?? '(none stored)'}`);
    return stored.definition;
  }

  return {
    /** `now` is how far the data is observed: FCR windows reaching past it are pending. */
    async compute(query: KpiReportQuery, now: number): Promise<ServedReport> {
      const period = periodOf(query);
      const definition = await definitionFor(query.definitionVersion);
      const groupBy = query.groupBy ?? 'none';
      const [calls, intervals, teamOfAgent] = await Promise.all([
        sources.calls(period, definition.fcrWindowHours),
        sources.agentStateIntervals(period, now),
        groupBy === 'team' ? sources.teamOfAgent() : new Map<string, string>(),
      ]);
      const computed = report(calls, intervals, {
        definition,
        groupBy,
        bucket: query.bucket === undefined || query.bucket === 'none' ? null : query.bucket,
        utcOffsetMinutes: query.utcOffsetMinutes ?? 0,
        period,
        observedUntil: now,
        teamOfAgent,
        filter: { queueId: query.queueId, agentId: query.agentId },
      });
      return { ...computed, period, observedUntil: now };
    },
  };
}

/** The report as JSON, every time in the report's local offset. */
export function kpiReportView(served: ServedReport): KpiReportView {
  const local = (at: number) => formatLocalTime(at, served.utcOffsetMinutes);
  return {
    definition: served.definition,
    period: { from: local(served.period.start), to: local(served.period.end) },
    groupBy: served.groupBy,
    bucket: served.bucket ?? 'none',
    utcOffsetMinutes: served.utcOffsetMinutes,
    filter: served.filter,
    observedUntil: local(served.observedUntil),
    rows: served.rows.map((row) => ({
      group: row.group,
      bucketStart: row.bucket && local(row.bucket.start),
      bucketEnd: row.bucket && local(row.bucket.end),
      figures: row.figures,
    })),
  };
}

/** e.g. kpi-queue-2024-05-06-v1.csv: what, from which local day, under which definition. */
export function csvFileName(served: ServedReport): string {
  const day = formatLocalTime(served.period.start, served.utcOffsetMinutes).slice(0, 10);
  return `kpi-${served.groupBy}-${day}-v${served.definition.version}.csv`;
}
