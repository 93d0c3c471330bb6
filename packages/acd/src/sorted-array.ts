/**
 * An array kept in `compare` order. Inserts and deletes shift elements, which for the sizes an ACD
 * holds (thousands) is a fast memmove, and it keeps ordered iteration and positions trivial.
 * Items are found by their ordering key, so an item's key must not change while it is inside.
 */
export class SortedArray<T> {
  private readonly items: T[] = [];

  constructor(private readonly compare: (a: T, b: T) => number) {}

  get size(): number {
    return this.items.length;
  }

  at(index: number): T | undefined {
    return this.items[index];
  }

  /** Index of `item`, or -1. */
  indexOf(item: T): number {
    const index = this.lowerBound(item);
    return index < this.items.length && this.compare(this.items[index] as T, item) === 0 ? index : -1;
  }

  add(item: T): void {
    this.items.splice(this.lowerBound(item), 0, item);
  }

  /** Removes `item` and returns the index it had, or -1 when absent. */
  delete(item: T): number {
    const index = this.indexOf(item);
    if (index >= 0) this.items.splice(index, 1);
    return index;
  }

  [Symbol.iterator](): Iterator<T> {
    return this.items[Symbol.iterator]();
  }

  private lowerBound(item: T): number {
    let low = 0;
    let high = this.items.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.compare(this.items[middle] as T, item) < 0) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}
