import { mean, ratio } from './ratio.js';
import type { CallRecord } from './types.js';

export interface CallbackFigures {
  callbacksRequested: number;
  callbacksCompleted: number;
  callbacksFailed: number;
  /** Completed ÷ those settled (completed or failed); cancelled ones are left out. */
  callbackCompletionRate: number | null;
  /** Request to the customer picking up, over completed callbacks. */
  callbackSpeedSeconds: number | null;
}

/** Callbacks are reported on their own: a caller who chose one did not abandon, nor was answered in line. */
export function callbackFigures(calls: readonly CallRecord[]): CallbackFigures {
  const callbacks = calls.flatMap((call) => (call.callback ? [{ call, callback: call.callback }] : []));
  const completed = callbacks.filter(({ callback }) => callback.status === 'completed');
  const failed = callbacks.filter(({ callback }) => callback.status === 'failed').length;
  const speeds = completed.flatMap(({ call, callback }) => (call.answeredAt === null ? [] : [(call.answeredAt - callback.requestedAt) / 1000]));
  return {
    callbacksRequested: callbacks.length,
    callbacksCompleted: completed.length,
    callbacksFailed: failed,
    callbackCompletionRate: ratio(completed.length, completed.length + failed),
    callbackSpeedSeconds: mean(speeds),
  };
}
