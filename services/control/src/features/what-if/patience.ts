import type { RecordedCall } from '@hotline/db';

/**
 * How long callers will wait, learnt from a day where most of them never showed it: a caller who
 * abandoned after w seconds had a patience of w, but one answered (or sent on) after w only had a
 * patience longer than w. The Kaplan–Meier estimator reads both kinds of observation; a caller
 * whose patience was not seen gets one drawn from it, longer than the wait they were seen to bear.
 */

/** Survival of patience: after each abandonment time, the share of callers who would wait longer. */
export interface PatienceCurve {
  readonly steps: readonly { atMs: number; survival: number }[];
}

/** A queue's curve needs this many abandons; with fewer, the whole day's callers are the sample. */
const MIN_ABANDONS_PER_QUEUE = 5;

export function patienceCurve(calls: readonly Pick<RecordedCall, 'outcome' | 'waitSeconds'>[]): PatienceCurve {
  const leavingAt = new Map<number, { gaveUp: number; left: number }>();
  for (const call of calls) {
    const atMs = call.waitSeconds * 1000;
    const leaving = leavingAt.get(atMs) ?? { gaveUp: 0, left: 0 };
    leaving.left += 1;
    if (call.outcome === 'abandoned') leaving.gaveUp += 1;
    leavingAt.set(atMs, leaving);
  }
  const steps: { atMs: number; survival: number }[] = [];
  let survival = 1;
  let atRisk = calls.length;
  for (const [atMs, { gaveUp, left }] of [...leavingAt].sort((a, b) => a[0] - b[0])) {
    if (gaveUp > 0) {
      survival *= 1 - gaveUp / atRisk;
      steps.push({ atMs, survival });
    }
    atRisk -= left;
  }
  return { steps };
}

/**
 * A patience longer than `waitedMs`, at quantile `u` (0–1) of what the curve says of callers who
 * waited that long: the first abandonment time where the survival falls to u × S(waited).
 * Infinity when the curve never falls that far (the longest waits seen were not abandons).
 */
export function patienceBeyond(curve: PatienceCurve, waitedMs: number, u: number): number {
  let survivalAtWait = 1;
  for (const step of curve.steps) if (step.atMs <= waitedMs) survivalAtWait = step.survival;
  const target = u * survivalAtWait;
  for (const step of curve.steps) if (step.atMs > waitedMs && step.survival <= target) return step.atMs;
  return Infinity;
}

/** A stable uniform draw in (0, 1) per call id (FNV-1a), so every replay of a day draws alike. */
export function uniformOf(id: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193) >>> 0;
  return (hash + 0.5) / 2 ** 32;
}

/** Each call's patience: its recorded wait when it abandoned, otherwise drawn beyond the wait it bore. */
export function patienceOf(calls: readonly RecordedCall[]): Map<string, number> {
  const day = patienceCurve(calls);
  const curves = new Map<string, PatienceCurve>();
  const curveFor = (queueId: string) => {
    let curve = curves.get(queueId);
    if (!curve) {
      const own = calls.filter((call) => call.entryQueueId === queueId);
      curve = own.filter((call) => call.outcome === 'abandoned').length >= MIN_ABANDONS_PER_QUEUE ? patienceCurve(own) : day;
      curves.set(queueId, curve);
    }
    return curve;
  };
  return new Map(
    calls.map((call) => [
      call.id,
      call.outcome === 'abandoned' ? call.waitSeconds * 1000 : patienceBeyond(curveFor(call.entryQueueId), call.waitSeconds * 1000, uniformOf(call.id)),
    ]),
  );
}
