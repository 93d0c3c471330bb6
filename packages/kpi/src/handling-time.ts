import { mean, ratio, sum } from './ratio.js';
import type { CallRecord } from './types.js';
import { answeredCalls, handledCalls } from './volume.js';

/** ASA: mean wait of answered calls, in seconds. */
export function averageSpeedOfAnswer(calls: readonly CallRecord[]): number | null {
  return mean(answeredCalls(calls).map((call) => call.waitSeconds));
}

/** AHT: mean of talk + hold + wrap-up over calls agents talked on (completed callbacks too), in seconds. */
export function averageHandleTime(calls: readonly CallRecord[]): number | null {
  return mean(handledCalls(calls).map((call) => call.talkSeconds + call.holdSeconds + call.wrapUpSeconds));
}

export function averageWrapUp(calls: readonly CallRecord[]): number | null {
  return mean(handledCalls(calls).map((call) => call.wrapUpSeconds));
}

/** The longest any caller waited, whatever became of the call. */
export function longestWait(calls: readonly CallRecord[]): number | null {
  if (calls.length === 0) return null;
  return calls.reduce((longest, call) => Math.max(longest, call.waitSeconds), -Infinity);
}

/**
 * Estimate accuracy: the mean absolute error of the wait estimates callers heard, against the wait
 * each was followed by until an agent answered, in seconds.
 */
export function waitEstimateError(calls: readonly CallRecord[]): number | null {
  return ratio(sum(calls.map((call) => call.estimateErrorSeconds ?? 0)), sum(calls.map((call) => call.estimates ?? 0)));
}
