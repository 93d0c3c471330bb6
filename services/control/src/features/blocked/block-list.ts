import type { BlockedNumber } from '@hotline/db';

/** A pattern is a number, or a prefix when it ends in '*'. */
export const BLOCK_PATTERN = '^\\+?[0-9]{1,20}\\*?$';

/** Digits only, a leading '+' kept: how a caller's number and a pattern are compared. */
function normalise(number: string): string {
  return number.replace(/[^0-9+]/g, '').replace(/(?!^)\+/g, '');
}

/**
 * The blocks in force, held in memory so that admission never waits on PostgreSQL: an exact
 * number wins over a prefix, a longer prefix over a shorter one, and a lapsed block is ignored.
 */
export class BlockList {
  #exact = new Map<string, BlockedNumber>();
  /** Prefix blocks, longest first. */
  #prefixes: [string, BlockedNumber][] = [];

  replace(blocks: readonly BlockedNumber[]): void {
    this.#exact = new Map(blocks.filter((b) => !b.pattern.endsWith('*')).map((b) => [normalise(b.pattern), b]));
    this.#prefixes = blocks
      .filter((b) => b.pattern.endsWith('*'))
      .map((b): [string, BlockedNumber] => [normalise(b.pattern.slice(0, -1)), b])
      .sort(([a], [b]) => b.length - a.length);
  }

  /** The block that applies to a caller's number now, if any. */
  match(number: string, now: number): BlockedNumber | undefined {
    const caller = normalise(number);
    if (caller === '') return undefined;
    const live = (block: BlockedNumber | undefined) => (block && (block.expiresAt === null || block.expiresAt > now) ? block : undefined);
    return live(this.#exact.get(caller)) ?? this.#prefixes.map(([prefix, block]) => (caller.startsWith(prefix) ? live(block) : undefined)).find((b) => b);
  }
}
