/**
 * The replay's own future (arrivals, callers giving up, answers, hang-ups, agents' choices) in
 * time order, ties in the order they were added. Kept latest first, so the next event comes off
 * the end of the array.
 */
export class EventQueue<T> {
  private readonly entries: { at: number; event: T }[] = [];

  add(at: number, event: T): void {
    // Before every entry due at or before `at`: an event added later leaves later on a tie.
    let low = 0;
    let high = this.entries.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.entries[middle] as { at: number }).at > at) low = middle + 1;
      else high = middle;
    }
    this.entries.splice(low, 0, { at, event });
  }

  nextAt(): number | undefined {
    return this.entries[this.entries.length - 1]?.at;
  }

  /** Removes and returns the next event due at `now`, if any. */
  popDue(now: number): T | undefined {
    const next = this.entries[this.entries.length - 1];
    if (next === undefined || next.at > now) return undefined;
    this.entries.pop();
    return next.event;
  }
}
