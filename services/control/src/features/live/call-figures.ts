import { abandonRate, averageSpeedOfAnswer, countOffered, countOutcome, serviceLevel, type CallRecord, type KpiDefinition } from '@hotline/kpi';
import type { LiveQueueFigures } from '@hotline/contracts';

export type QueueDayFigures = LiveQueueFigures['today'];

/**
 * Ended calls per queue since a moment (the start of today), kept in memory so the wallboard's
 * figures move the instant a call ends rather than when its record is stored. Computed with the
 * same KPI functions as the reports, under the current KPI definition with the queue's own threshold.
 */
export class CallFigures {
  #since: number;
  readonly #calls = new Map<string, CallRecord[]>();

  constructor(
    since: number,
    private readonly definition: KpiDefinition,
  ) {
    this.#since = since;
  }

  get since(): number {
    return this.#since;
  }

  /** Starts a new day: figures from before `since` are dropped. */
  reset(since: number): void {
    this.#since = since;
    this.#calls.clear();
  }

  add(call: CallRecord): void {
    if (call.enqueuedAt < this.#since) return;
    const list = this.#calls.get(call.queueId) ?? [];
    list.push(call);
    this.#calls.set(call.queueId, list);
  }

  /** Figures for calls enqueued at or after `from` (default: the whole day). */
  figures(queueId: string, slThresholdSecs: number, from = this.#since): QueueDayFigures {
    const calls = (this.#calls.get(queueId) ?? []).filter((c) => c.enqueuedAt >= from);
    const definition = { ...this.definition, slThresholdSeconds: slThresholdSecs };
    return {
      offered: countOffered(calls, definition),
      answered: countOutcome(calls, 'answered', definition),
      abandoned: countOutcome(calls, 'abandoned', definition),
      serviceLevel: serviceLevel(calls, definition),
      abandonRate: abandonRate(calls, definition),
      asaSeconds: averageSpeedOfAnswer(calls),
    };
  }
}

/** Midnight of `now`'s day in the service's local time. */
export function startOfDay(now: number): number {
  const day = new Date(now);
  day.setHours(0, 0, 0, 0);
  return day.getTime();
}
