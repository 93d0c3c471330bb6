import t from 'tap';
import type { BlockedNumber } from '@hotline/db';
import { BlockList } from '../src/features/blocked/block-list.js';

const block = (pattern: string, extra: Partial<BlockedNumber> = {}): BlockedNumber => ({
  id: pattern, pattern, reason: `reason ${pattern}`, action: 'message', expiresAt: null, createdBy: 'sup', createdAt: 0, ...extra,
});

t.test('exact numbers and prefixes, the most specific first', async (t) => {
  const list = new BlockList();
  list.replace([block('1900*'), block('19005*', { action: 'reject' }), block('19005550100', { reason: 'abuse' })]);
  t.equal(list.match('19005550100', 0)?.reason, 'abuse', 'an exact number beats any prefix');
  t.equal(list.match('19005550199', 0)?.pattern, '19005*', 'the longer prefix beats the shorter');
  t.equal(list.match('19001234', 0)?.pattern, '1900*');
  t.equal(list.match('1800555', 0), undefined, 'other numbers pass');
  t.equal(list.match('190', 0), undefined, 'a number shorter than the prefix is not under it');
});

t.test("callers' numbers are compared by their digits", async (t) => {
  const list = new BlockList();
  list.replace([block('+8613800138000'), block('400*')]);
  t.ok(list.match('+86 138-0013-8000', 0), 'spaces and dashes do not matter');
  t.equal(list.match('8613800138000', 0), undefined, "'+' is part of the number");
  t.ok(list.match('400 820 8820', 0));
  t.equal(list.match('anonymous', 0), undefined, 'a withheld number matches no block');
  t.equal(list.match('', 0), undefined);
});

t.test('a lapsed block no longer applies, and the next one down does', async (t) => {
  const list = new BlockList();
  list.replace([block('5550100', { expiresAt: 1_000 }), block('555*', { expiresAt: 5_000 })]);
  t.equal(list.match('5550100', 999)?.pattern, '5550100');
  t.equal(list.match('5550100', 1_000)?.pattern, '555*', 'the exact block lapsed; the prefix still applies');
  t.equal(list.match('5550100', 5_000), undefined, 'both lapsed');
});

t.test('replace swaps the whole list', async (t) => {
  const list = new BlockList();
  list.replace([block('123')]);
  list.replace([]);
  t.equal(list.match('123', 0), undefined);
});
