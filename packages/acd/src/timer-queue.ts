import { MinHeap } from './min-heap.js';

export interface Timer<T> {
  readonly at: number;
  readonly payload: T;
  readonly seq: number;
  cancelled: boolean;
}

/**
 * Deadlines in time order (ties in scheduling order). The engine has no clock: callers pop what
 * is due at the `now` they pass in. Cancelling only marks a timer; it is dropped when reached.
 */
export class TimerQueue<T> {
  private readonly heap = new MinHeap<Timer<T>>((a, b) => a.at - b.at || a.seq - b.seq);
  private scheduled = 0;

  schedule(at: number, payload: T): Timer<T> {
    const timer = { at, payload, seq: this.scheduled++, cancelled: false };
    this.heap.push(timer);
    return timer;
  }

  /** The earliest live deadline, or undefined when none is pending. */
  nextAt(): number | undefined {
    this.dropCancelled();
    return this.heap.peek()?.at;
  }

  /** Removes and returns the earliest live timer due at `now`, if any. */
  popDue(now: number): Timer<T> | undefined {
    this.dropCancelled();
    const next = this.heap.peek();
    if (next === undefined || next.at > now) return undefined;
    this.heap.pop();
    return next;
  }

  private dropCancelled(): void {
    while (this.heap.peek()?.cancelled) this.heap.pop();
  }
}
