import type { Prompts } from './media.js';

export interface CallerWaitInput {
  /** Callers ahead in the queue. */
  ahead: number;
  /** The share of callers who give up before being answered (recently observed), 0–1. */
  abandonRate: number;
  /** For each agent who could take this caller and is working: seconds until free (0 when Ready). */
  freeInSecs: readonly number[];
  /** A call's handle time in this queue (talk + wrap-up), seconds. */
  handleSecs: number;
}

/**
 * Expected wait of one caller: the agents eligible for their skills free up one by one (Ready now,
 * on a call when its handle time runs out, in wrap-up when that ends); each caller still ahead
 * (fewer, by the share who give up) takes the first agent free for one handle time, and this
 * caller gets the next. With no eligible agent working there is no honest estimate, so none.
 */
export function estimateCallerWaitSecs({ ahead, abandonRate, freeInSecs, handleSecs }: CallerWaitInput): number | undefined {
  if (freeInSecs.length === 0 || ahead < 0) return undefined;
  const served = Math.round(ahead * (1 - Math.min(Math.max(abandonRate, 0), 0.9)));
  const free = [...freeInSecs].sort((a, b) => a - b);
  for (let i = 0; i < served; i++) {
    const next = (free.shift() as number) + handleSecs;
    const at = free.findIndex((t) => t > next);
    free.splice(at === -1 ? free.length : at, 0, next);
  }
  return Math.round(free[0] as number);
}

/** The last `size` values of each queue. */
class PerQueueWindow<T> {
  readonly #recent = new Map<string, T[]>();

  constructor(private readonly size: number) {}

  add(queueId: string, value: T): void {
    const list = this.#recent.get(queueId) ?? [];
    list.push(value);
    if (list.length > this.size) list.shift();
    this.#recent.set(queueId, list);
  }

  values(queueId: string): readonly T[] {
    return this.#recent.get(queueId) ?? [];
  }
}

/** Rolling average of the last `size` handle times of one queue (talk + wrap-up), seconds. */
export class HandleTimes {
  readonly #window: PerQueueWindow<number>;

  constructor(
    private readonly fallbackSecs = 180,
    size = 50,
  ) {
    this.#window = new PerQueueWindow(size);
  }

  add(queueId: string, secs: number): void {
    this.#window.add(queueId, secs);
  }

  average(queueId: string): number {
    const list = this.#window.values(queueId);
    return list.length === 0 ? this.fallbackSecs : list.reduce((a, b) => a + b, 0) / list.length;
  }
}

/** The share of the last `size` callers of each queue who hung up before an agent answered. */
export class AbandonRates {
  readonly #window: PerQueueWindow<boolean>;

  constructor(size = 100) {
    this.#window = new PerQueueWindow(size);
  }

  add(queueId: string, abandoned: boolean): void {
    this.#window.add(queueId, abandoned);
  }

  rate(queueId: string): number {
    const list = this.#window.values(queueId);
    return list.length === 0 ? 0 : list.filter(Boolean).length / list.length;
  }
}

/** What the caller hears: their place in line, then the estimate in whole minutes (never "0 minutes"). */
export function announcementMedia(p: Prompts, position: number, waitSecs: number | undefined): string[] {
  const media = position <= 1 ? [p.youAreNext] : [p.thereAre, ...p.number(position), p.callsWaiting];
  if (waitSecs !== undefined && position > 1) {
    const minutes = Math.ceil(waitSecs / 60);
    media.push(p.holdTime);
    if (minutes <= 1) media.push(p.lessThan, ...p.number(1), p.minute);
    else media.push(...p.number(minutes), p.minutes);
  }
  media.push(p.thankYou);
  return media;
}
