import type { Pool } from '@hotline/db';
import type { PlannedCall } from './plan.js';
import type { CallTiming } from './timeline.js';

interface StoredCall {
  customer_number: string;
  outcome: string;
  agent_id: string | null;
  wait_secs: string | null;
  talk_secs: string | null;
  recording_bytes: string | null;
  /** Refused with a busy signal at the door (the service shedding load). */
  refused: boolean;
}

export interface CdrVerdict {
  stored: number;
  correct: number;
  /** Callers with exactly one record that has an outcome, whatever it is (served, overflowed, refused, abandoned). */
  accounted: number;
  refused: number;
  /** The first few problems, each naming the call. */
  problems: string[];
}

/** How far a stored duration may be from what SIPp and Asterisk saw (signalling and job timing). */
const TOLERANCE_SECS = 1.5;

/** A caller who gave up: abandoned, nobody's call, after waiting their patience. */
function abandonProblems(call: PlannedCall, row: StoredCall): string[] {
  const problems: string[] = [];
  if (row.outcome !== 'abandoned') problems.push(`outcome ${row.outcome}, the caller gave up`);
  if (row.agent_id) problems.push(`agent ${row.agent_id}`);
  if (Math.abs(Number(row.wait_secs) - (call.patienceMs ?? 0) / 1000) > TOLERANCE_SECS) problems.push(`wait ${row.wait_secs} s, the caller gave up after ${(call.patienceMs ?? 0) / 1000} s`);
  return problems;
}

function problemsOf(call: PlannedCall, rows: StoredCall[], timing: CallTiming | undefined, gaveUp: boolean): string[] {
  if (rows.length !== 1) return [`${rows.length} rows`];
  const [row] = rows as [StoredCall];
  if (gaveUp) return abandonProblems(call, row);
  const problems: string[] = [];
  if (row.outcome !== 'answered') problems.push(`outcome ${row.outcome}`);
  if (!row.agent_id) problems.push('no agent');
  if (Math.abs(Number(row.talk_secs) - call.talkMs / 1000) > TOLERANCE_SECS) problems.push(`talk ${row.talk_secs} s, agent talked ${call.talkMs / 1000} s`);
  if (timing?.waitMs !== undefined && Math.abs(Number(row.wait_secs) - timing.waitMs / 1000) > TOLERANCE_SECS) {
    problems.push(`wait ${row.wait_secs} s, Asterisk saw ${timing.waitMs / 1000} s`);
  }
  if (!(Number(row.recording_bytes) > 0)) problems.push('no stored recording');
  return problems;
}

/** Rows of the phase's calls once the workers have written them all, answered ones with their recordings (or `timeoutMs` passed). */
async function storedRows(pool: Pool, prefix: string, expected: number, timeoutMs: number): Promise<StoredCall[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await pool.query<StoredCall>(
      `SELECT c.customer_number, c.outcome, c.agent_id, c.wait_secs, c.talk_secs, r.bytes AS recording_bytes,
              EXISTS (SELECT 1 FROM call_events e WHERE e.call_id = c.id AND e.type = 'call.overflowed' AND e.data->'target'->>'kind' = 'busy') AS refused
         FROM calls c LEFT JOIN recordings r ON r.call_id = c.id AND r.status = 'stored'
        WHERE c.customer_number LIKE $1`,
      [`${prefix}%`],
    );
    const settled = rows.every((r) => r.outcome !== null && (r.outcome !== 'answered' || r.recording_bytes !== null));
    if ((rows.length >= expected && settled) || Date.now() > deadline) return rows;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

/**
 * Every planned call has exactly one record: answered, with the agent, talk and wait that happened
 * and its recording; or, for a caller who gave up, abandoned after their patience.
 */
export async function checkCdrs(pool: Pool, prefix: string, calls: PlannedCall[], timings: CallTiming[], gaveUp: ReadonlySet<string>): Promise<CdrVerdict> {
  const rows = await storedRows(pool, prefix, calls.length, 60_000);
  const byNumber = new Map<string, StoredCall[]>();
  for (const row of rows) byNumber.set(row.customer_number, [...(byNumber.get(row.customer_number) ?? []), row]);
  const timingOf = new Map(timings.map((t) => [t.number, t]));
  const problems: string[] = [];
  let correct = 0;
  let accounted = 0;
  for (const call of calls) {
    const own = byNumber.get(call.number) ?? [];
    if (own.length === 1 && own[0]?.outcome) accounted += 1;
    const found = problemsOf(call, own, timingOf.get(call.number), gaveUp.has(call.number));
    if (found.length === 0) correct += 1;
    else if (problems.length < 5) problems.push(`${call.number}: ${found.join(', ')}`);
  }
  return { stored: rows.length, correct, accounted, refused: rows.filter((r) => r.refused).length, problems };
}
