export type BucketSize = '15m' | '30m' | '60m' | 'day' | 'week' | 'month';

/** A half-open span [start, end) in epoch ms. */
export interface TimeSpan {
  start: number;
  end: number;
}

const MINUTE_MS = 60_000;
const DAY_MS = 1440 * MINUTE_MS;

/** Fixed-width buckets, aligned to `anchor` in local time; weeks start on Monday 1970-01-05. */
const FIXED_WIDTHS: Record<Exclude<BucketSize, 'month'>, { widthMs: number; anchorMs: number }> = {
  '15m': { widthMs: 15 * MINUTE_MS, anchorMs: 0 },
  '30m': { widthMs: 30 * MINUTE_MS, anchorMs: 0 },
  '60m': { widthMs: 60 * MINUTE_MS, anchorMs: 0 },
  day: { widthMs: DAY_MS, anchorMs: 0 },
  week: { widthMs: 7 * DAY_MS, anchorMs: 4 * DAY_MS },
};

/**
 * The bucket holding `at` in local time at a fixed UTC offset (no daylight-saving rules: the
 * caller picks the offset). Shifting by the offset lets UTC arithmetic read local wall time.
 */
export function bucketOf(at: number, size: BucketSize, utcOffsetMinutes: number): TimeSpan {
  const offsetMs = utcOffsetMinutes * MINUTE_MS;
  const local = at + offsetMs;
  if (size === 'month') {
    const date = new Date(local);
    const start = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
    const end = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
    return { start: start - offsetMs, end: end - offsetMs };
  }
  const { widthMs, anchorMs } = FIXED_WIDTHS[size];
  const start = anchorMs + Math.floor((local - anchorMs) / widthMs) * widthMs - offsetMs;
  return { start, end: start + widthMs };
}

/** Cuts a span at bucket boundaries, so time spent across buckets counts in each. */
export function splitByBucket(
  span: TimeSpan,
  size: BucketSize,
  utcOffsetMinutes: number,
): { bucket: TimeSpan; part: TimeSpan }[] {
  const pieces: { bucket: TimeSpan; part: TimeSpan }[] = [];
  for (let start = span.start; start < span.end; ) {
    const bucket = bucketOf(start, size, utcOffsetMinutes);
    const end = Math.min(bucket.end, span.end);
    pieces.push({ bucket, part: { start, end } });
    start = end;
  }
  return pieces;
}

const pad2 = (value: number) => String(value).padStart(2, '0');

/** ISO 8601 local time with its offset, e.g. 2024-05-06T08:30:00+08:00. */
export function formatLocalTime(at: number, utcOffsetMinutes: number): string {
  const wallClock = new Date(at + utcOffsetMinutes * MINUTE_MS).toISOString().slice(0, 19);
  const sign = utcOffsetMinutes < 0 ? '-' : '+';
  const minutes = Math.abs(utcOffsetMinutes);
  return `${wallClock}${sign}${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}`;
}
