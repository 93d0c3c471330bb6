import type { RecordedCall } from '@hotline/db';
import { tierPriority } from '../routing/tier-priority.js';
import { patienceOf } from './patience.js';
import type { RecordedDay } from './recorded-day.js';

/** What a replay takes from one recorded call: when it came, how long its caller would wait, how it would be handled. */
export interface CallPlan {
  id: string;
  entryQueueId: string;
  arrivesAt: number;
  priority: number;
  /** An abandoned call's recorded wait; for the others, drawn from the day's callers beyond the wait they bore (patience.ts). */
  patienceMs: number;
  /** From the offer to the agent's answer. */
  ringMs: number;
  talkMs: number;
  holdSeconds: number;
  /** The recorded wrap-up less the queue's wrap-up time: how much earlier (−) or later (+) the agent finished. */
  wrapUpAdjustMs: number;
}

const mean = (values: readonly number[]) => (values.length === 0 ? undefined : values.reduce((total, value) => total + value, 0) / values.length);

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? 0 : ((sorted[(sorted.length - 1) >> 1] as number) + (sorted[sorted.length >> 1] as number)) / 2;
};

/**
 * One plan per recorded call, in arrival order. A call that was never answered gets the typical
 * handling of its queue's answered calls (their mean talk time, the day's median ring time), in
 * case the replay has an agent take it. `patience` is each call's, by id (patience.ts by default).
 */
export function callPlans(day: RecordedDay, patience: ReadonlyMap<string, number> = patienceOf(day.calls)): CallPlan[] {
  const answered = day.calls.filter((call) => call.outcome === 'answered');
  const typicalRingSeconds = median(answered.map((call) => call.ringSeconds));
  const dayTalkSeconds = mean(answered.map((call) => call.talkSeconds)) ?? 0;
  const typicalTalkSeconds = (queueId: string) => mean(answered.filter((call) => call.queueId === queueId).map((call) => call.talkSeconds)) ?? dayTalkSeconds;
  const wrapUpSecs = new Map(day.queues.map((queue) => [queue.id, queue.wrapupSecs]));
  const wrapUpAdjustMs = (call: RecordedCall) => {
    const configured = wrapUpSecs.get(call.queueId) ?? 0;
    return call.wrapUpRecorded && configured > 0 ? (call.wrapUpSeconds - configured) * 1000 : 0;
  };

  return [...day.calls]
    .sort((a, b) => a.enqueuedAt - b.enqueuedAt || (a.id < b.id ? -1 : 1))
    .map((call) => {
      const wasAnswered = call.outcome === 'answered';
      return {
        id: call.id,
        entryQueueId: call.entryQueueId,
        arrivesAt: call.enqueuedAt,
        priority: tierPriority(call.customerTier),
        patienceMs: patience.get(call.id) ?? Infinity,
        ringMs: (wasAnswered ? call.ringSeconds : typicalRingSeconds) * 1000,
        talkMs: (wasAnswered ? call.talkSeconds : typicalTalkSeconds(call.queueId)) * 1000,
        holdSeconds: wasAnswered ? call.holdSeconds : 0,
        wrapUpAdjustMs: wasAnswered ? wrapUpAdjustMs(call) : 0,
      };
    });
}
