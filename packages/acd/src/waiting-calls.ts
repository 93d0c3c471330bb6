// One queue's waiting calls: a band per priority (highest first), each band in arrival order.
// Within a band the head has waited longest, so its skill thresholds are the loosest: if nobody
// can take the head, nobody can take any call behind it. Dispatch leans on that.
import { SortedArray } from './sorted-array.js';
import type { CallId } from './types.js';

export interface QueuedCall {
  readonly id: CallId;
  readonly priority: number;
  /** Must not change while the call is queued. */
  readonly enqueuedAt: number;
}

export function byArrival(a: QueuedCall, b: QueuedCall): number {
  return a.enqueuedAt - b.enqueuedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export class WaitingCalls<C extends QueuedCall> {
  private readonly bands = new Map<number, SortedArray<C>>();
  /** Band priorities, highest first. */
  private readonly priorities: number[] = [];
  private count = 0;

  get size(): number {
    return this.count;
  }

  add(call: C): void {
    let band = this.bands.get(call.priority);
    if (band === undefined) {
      band = new SortedArray<C>(byArrival);
      this.bands.set(call.priority, band);
      const at = this.priorities.findIndex((priority) => priority < call.priority);
      this.priorities.splice(at < 0 ? this.priorities.length : at, 0, call.priority);
    }
    band.add(call);
    this.count++;
  }

  /** Removes a queued call and returns the call that now stands in its place in the band. */
  remove(call: C): C | undefined {
    const band = this.band(call.priority);
    const index = band.delete(call);
    this.count--;
    if (band.size === 0) {
      this.bands.delete(call.priority);
      this.priorities.splice(this.priorities.indexOf(call.priority), 1);
    }
    return band.at(index);
  }

  /** The longest-waiting call of each priority band, highest priority first. */
  heads(): C[] {
    return this.priorities.map((priority) => this.band(priority).at(0) as C);
  }

  /** 1-based place in line: every call of a higher band, then earlier arrivals in its own band. */
  position(call: C): number {
    let ahead = 0;
    for (const priority of this.priorities) {
      if (priority === call.priority) break;
      ahead += this.band(priority).size;
    }
    return ahead + this.band(call.priority).indexOf(call) + 1;
  }

  *[Symbol.iterator](): Iterator<C> {
    for (const priority of this.priorities) yield* this.band(priority);
  }

  /** Only for priorities listed in `priorities`, which always have a band. */
  private band(priority: number): SortedArray<C> {
    return this.bands.get(priority) as SortedArray<C>;
  }
}
