import type { KpiDefinition } from './definition.js';
import { judgeFirstContacts, latestEnd, type FcrVerdict } from './fcr.js';
import { computeFigures, type KpiFigures } from './figures.js';
import { bucketOf, splitByBucket, type BucketSize, type TimeSpan } from './time-bucket.js';
import type { AgentStateInterval, CallRecord } from './types.js';

/**
 * Rows per queue, per agent, per team, or one for everything. Per queue, occupancy is null: agents
 * serve several queues, so their time cannot be split between them. Per agent and per team, calls
 * nobody answered form a row whose group is null (per team, with agents in no team), so rows still
 * add up to the totals. A call belongs to the team of the agent who answered it.
 */
export type GroupBy = 'none' | 'queue' | 'agent' | 'team';

/** Narrows a report to some calls; the others still reveal repeat calls for FCR. */
export interface ReportFilter {
  /** Only this queue's calls; agent time is then left out, as it is per queue. */
  queueId?: string;
  /** Only the calls this agent answered, and this agent's time. */
  agentId?: string;
}

export interface ReportOptions {
  definition: KpiDefinition;
  groupBy?: GroupBy;
  /** Calls fall in the bucket they were enqueued in; agent time is split across buckets. */
  bucket?: BucketSize | null;
  utcOffsetMinutes?: number;
  /**
   * Reports only calls enqueued, and agent time spent, within the period. Calls outside it still
   * reveal repeat calls for FCR, so pass the calls of the FCR window after the period too.
   */
  period?: TimeSpan | null;
  /** When the data stops (epoch ms), for FCR; defaults to the latest call end. */
  observedUntil?: number;
  /** Agent id → team id, for groupBy 'team'. */
  teamOfAgent?: ReadonlyMap<string, string>;
  filter?: ReportFilter;
}

export interface ReportRow {
  /** Queue, agent or team id per `groupBy`; null for groupBy 'none' and for unanswered calls per agent or team. */
  group: string | null;
  bucket: TimeSpan | null;
  figures: KpiFigures;
}

/** The rows together with everything they were computed under. */
export interface KpiReport {
  definition: KpiDefinition;
  groupBy: GroupBy;
  bucket: BucketSize | null;
  utcOffsetMinutes: number;
  period: TimeSpan | null;
  filter: ReportFilter;
  observedUntil: number | null;
  rows: ReportRow[];
}

interface Cell {
  group: string | null;
  bucket: TimeSpan | null;
  /** Bucket start, or 0 for a report without buckets, where each group has a single cell. */
  bucketStart: number;
  calls: CallRecord[];
  intervals: AgentStateInterval[];
}

interface Grouping {
  ofCall: (call: CallRecord) => string | null;
  /** Absent when agent time cannot be attributed to the groups. */
  ofAgent?: (agentId: string) => string | null;
}

function groupingOf(groupBy: GroupBy, teamOfAgent: ReadonlyMap<string, string>): Grouping {
  const teamOf = (agentId: string | null) => (agentId === null ? null : (teamOfAgent.get(agentId) ?? null));
  switch (groupBy) {
    case 'none':
      return { ofCall: () => null, ofAgent: () => null };
    case 'queue':
      return { ofCall: (call) => call.queueId };
    case 'agent':
      return { ofCall: (call) => call.agentId, ofAgent: (agentId) => agentId };
    case 'team':
      return { ofCall: (call) => teamOf(call.agentId), ofAgent: teamOf };
  }
}

function callPasses(call: CallRecord, filter: ReportFilter): boolean {
  return (filter.queueId === undefined || call.queueId === filter.queueId) && (filter.agentId === undefined || call.agentId === filter.agentId);
}

/** A queue filter leaves all agent time out, as grouping per queue does. */
function agentTimePasses(agentId: string, filter: ReportFilter): boolean {
  return filter.queueId === undefined && (filter.agentId === undefined || agentId === filter.agentId);
}

/** Null group first, then by id in code-unit order (locale-independent), then by time. */
function compareCells(a: Cell, b: Cell): number {
  const [idA, idB] = [a.group ?? '', b.group ?? ''];
  return (
    Number(a.group !== null) - Number(b.group !== null) ||
    Number(idA > idB) - Number(idA < idB) ||
    a.bucketStart - b.bucketStart
  );
}

function within(at: number, period: TimeSpan | null): boolean {
  return period === null || (at >= period.start && at < period.end);
}

function clip(span: TimeSpan, period: TimeSpan | null): TimeSpan {
  return period === null ? span : { start: Math.max(span.start, period.start), end: Math.min(span.end, period.end) };
}

export function report(
  calls: readonly CallRecord[],
  intervals: readonly AgentStateInterval[],
  options: ReportOptions,
): KpiReport {
  const { definition, groupBy = 'none', bucket = null, utcOffsetMinutes = 0, period = null, filter = {} } = options;
  const { ofCall, ofAgent } = groupingOf(groupBy, options.teamOfAgent ?? new Map());
  const observedUntil = options.observedUntil ?? latestEnd(calls);
  const verdicts: ReadonlyMap<CallRecord, FcrVerdict> =
    observedUntil === null ? new Map() : judgeFirstContacts(calls, definition, observedUntil);

  const cells = new Map<string, Cell>();
  const cellAt = (group: string | null, cellBucket: TimeSpan | null): Cell => {
    const bucketStart = cellBucket?.start ?? 0;
    const key = JSON.stringify([group, bucketStart]);
    const cell = cells.get(key) ?? { group, bucket: cellBucket, bucketStart, calls: [], intervals: [] };
    cells.set(key, cell);
    return cell;
  };
  const piecesOf = (span: TimeSpan) => {
    if (bucket !== null) return splitByBucket(span, bucket, utcOffsetMinutes);
    return span.start < span.end ? [{ bucket: null, part: span }] : [];
  };

  for (const call of calls) {
    if (!within(call.enqueuedAt, period) || !callPasses(call, filter)) continue;
    const callBucket = bucket === null ? null : bucketOf(call.enqueuedAt, bucket, utcOffsetMinutes);
    cellAt(ofCall(call), callBucket).calls.push(call);
  }
  if (ofAgent) {
    for (const interval of intervals) {
      if (!agentTimePasses(interval.agentId, filter)) continue;
      const group = ofAgent(interval.agentId);
      for (const { bucket: partBucket, part } of piecesOf(clip({ start: interval.from, end: interval.to }, period))) {
        cellAt(group, partBucket).intervals.push({ ...interval, from: part.start, to: part.end });
      }
    }
  }

  const rows = [...cells.values()].sort(compareCells).map((cell) => ({
    group: cell.group,
    bucket: cell.bucket,
    figures: computeFigures(cell.calls, cell.intervals, definition, verdicts),
  }));
  return { definition, groupBy, bucket, utcOffsetMinutes, period, filter, observedUntil, rows };
}
