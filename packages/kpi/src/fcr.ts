import type { KpiDefinition } from './definition.js';
import { ratio } from './ratio.js';
import type { CallRecord } from './types.js';
import { answeredCalls } from './volume.js';

const HOUR_MS = 3_600_000;

/**
 * What is known about an answered call's first-contact resolution:
 * - repeated: the same number called again (any queue, any outcome) after this call was enqueued
 *   and no later than its end + the FCR window;
 * - resolved: no such call, and the whole window lies within the observed data;
 * - pending: no such call yet, but the window reaches past `observedUntil`, so a repeat may still
 *   come. Pending calls are left out of the FCR rate (neither resolved nor repeated) and counted
 *   apart, so calls near the end of the data never inflate FCR;
 * - unknown-number: a withheld number cannot be matched, so the call is left out of the rate.
 */
export type FcrVerdict = 'resolved' | 'repeated' | 'pending' | 'unknown-number';

/** The latest end among the calls: the default horizon of what has been observed. */
export function latestEnd(calls: readonly CallRecord[]): number | null {
  if (calls.length === 0) return null;
  return calls.reduce((latest, call) => Math.max(latest, call.endedAt), -Infinity);
}

/** Enqueue times per customer number, ascending, so the next call is a binary search away. */
function arrivalsByNumber(calls: readonly CallRecord[]): Map<string, number[]> {
  const arrivals = new Map<string, number[]>();
  for (const call of calls) {
    if (call.customerNumber === null) continue;
    const times = arrivals.get(call.customerNumber);
    if (times) times.push(call.enqueuedAt);
    else arrivals.set(call.customerNumber, [call.enqueuedAt]);
  }
  for (const times of arrivals.values()) times.sort((a, b) => a - b);
  return arrivals;
}

/** The first time in ascending `times` later than `after`; a hot number may have thousands. */
function nextAfter(times: readonly number[], after: number): number | undefined {
  let low = 0;
  let high = times.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (times[middle]! <= after) low = middle + 1;
    else high = middle;
  }
  return times[low];
}

/**
 * Judges every answered call once against all calls, so a repeat into another queue or another
 * report row still counts. `observedUntil` (epoch ms) is when the data stops.
 */
export function judgeFirstContacts(
  calls: readonly CallRecord[],
  definition: KpiDefinition,
  observedUntil: number,
): Map<CallRecord, FcrVerdict> {
  const arrivals = arrivalsByNumber(calls);
  const windowMs = definition.fcrWindowHours * HOUR_MS;
  const judge = (call: CallRecord): FcrVerdict => {
    const times = call.customerNumber === null ? undefined : arrivals.get(call.customerNumber);
    if (times === undefined) return 'unknown-number';
    const windowEnd = call.endedAt + windowMs;
    const next = nextAfter(times, call.enqueuedAt);
    if (next !== undefined && next <= windowEnd) return 'repeated';
    return windowEnd > observedUntil ? 'pending' : 'resolved';
  };
  return new Map(answeredCalls(calls).map((call) => [call, judge(call)]));
}

export interface FcrSummary {
  /** resolved ÷ (resolved + repeated), 0–1. */
  rate: number | null;
  resolved: number;
  repeated: number;
  pending: number;
}

/** Summarises the verdicts of these calls; calls without a verdict (not answered) are skipped. */
export function firstContactResolution(
  calls: readonly CallRecord[],
  verdicts: ReadonlyMap<CallRecord, FcrVerdict>,
): FcrSummary {
  const count = (verdict: FcrVerdict) => calls.filter((call) => verdicts.get(call) === verdict).length;
  const resolved = count('resolved');
  const repeated = count('repeated');
  return { rate: ratio(resolved, resolved + repeated), resolved, repeated, pending: count('pending') };
}
