import t from 'tap';
import type { StateInterval } from '@hotline/acd';
import { IntervalWriter } from '../src/features/routing/interval-writer.js';

const interval = (n: number): StateInterval => ({ agentId: `a${n % 3}`, state: 'Ready', from: n * 1_000, to: n * 1_000 + 500 });
const quiet = { warn: () => undefined };
const until = async (what: () => boolean) => {
  for (let i = 0; i < 500 && !what(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
};

t.test('intervals of the same moment go out in one batch, in order', async (t) => {
  const batches: StateInterval[][] = [];
  const writer = new IntervalWriter(async (batch) => void batches.push([...batch]), quiet);
  for (let n = 0; n < 5; n++) writer.add(interval(n));
  await until(() => writer.pending === 0);
  t.same(batches, [[0, 1, 2, 3, 4].map(interval)]);
});

t.test('a failing database is retried until it takes them: nothing is dropped', async (t) => {
  const stored: StateInterval[] = [];
  let failures = 3;
  const warnings: unknown[] = [];
  const writer = new IntervalWriter(async (batch) => {
    if (failures-- > 0) throw new Error('timeout exceeded when trying to connect');
    stored.push(...batch);
  }, { warn: (obj: unknown) => void warnings.push(obj) });
  writer.add(interval(1));
  writer.add(interval(2));
  await until(() => writer.pending === 0);
  writer.add(interval(3));
  await until(() => writer.pending === 0);
  t.same(stored, [1, 2, 3].map(interval));
  t.equal(warnings.length, 3, 'each failed attempt is reported');
});

t.test('more than a batch is written in batches of at most 500', async (t) => {
  const sizes: number[] = [];
  const writer = new IntervalWriter(async (batch) => void sizes.push(batch.length), quiet);
  for (let n = 0; n < 1_200; n++) writer.add(interval(n));
  await until(() => writer.pending === 0);
  t.same(sizes, [500, 500, 200]);
});

t.test('closing waits for what is queued, and gives up on a database that never comes back', async (t) => {
  const slow = new IntervalWriter(() => new Promise((resolve) => setTimeout(resolve, 50)), quiet);
  slow.add(interval(1));
  await slow.close(1_000);
  t.equal(slow.pending, 0, 'drained before closing');
  const warnings: unknown[] = [];
  const dead = new IntervalWriter(() => Promise.reject(new Error('down')), { warn: (obj: unknown) => void warnings.push(obj) });
  dead.add(interval(1));
  await dead.close(150);
  t.equal(dead.pending, 1, 'still queued, and said so');
  t.match(warnings.at(-1), { pending: 1 });
});
