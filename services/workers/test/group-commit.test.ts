import t from 'tap';
import { GroupCommit } from '../src/group-commit.js';

/** A writer that records each batch and waits to be released, so tests see what piles up meanwhile. */
function gatedWriter(fail: (item: number) => boolean = () => false) {
  const batches: number[][] = [];
  const gates: (() => void)[] = [];
  const write = async (items: number[]) => {
    batches.push([...items]);
    await new Promise<void>((release) => gates.push(release));
    if (items.some(fail)) throw new Error(`cannot store ${items.filter(fail).join(', ')}`);
    return items.map((item) => item * 10);
  };
  const releaseAll = async () => {
    for (let i = 0; i < 50 && (gates.length > 0 || i < 3); i++) {
      gates.splice(0).forEach((release) => release());
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  return { write, batches, releaseAll };
}

t.test('items of one moment go in one batch; those arriving during a write go in the next', async (t) => {
  const writer = gatedWriter();
  const commit = new GroupCommit(writer.write, { max: 100, parallel: 1 });
  const first = [1, 2, 3].map((n) => commit.submit(n));
  await new Promise((resolve) => setImmediate(resolve));
  const second = [4, 5].map((n) => commit.submit(n));
  await writer.releaseAll();
  t.same(await Promise.all([...first, ...second]), [10, 20, 30, 40, 50], 'each submitter gets its own result');
  t.same(writer.batches, [[1, 2, 3], [4, 5]]);
});

t.test('a batch holds at most max items, and up to parallel batches are written at once', async (t) => {
  const writer = gatedWriter();
  const commit = new GroupCommit(writer.write, { max: 2, parallel: 2 });
  const results = [1, 2, 3, 4, 5].map((n) => commit.submit(n));
  await new Promise((resolve) => setImmediate(resolve));
  await new Promise((resolve) => setImmediate(resolve));
  t.same(writer.batches, [[1, 2], [3, 4]], 'two writes under way, the fifth item waits');
  await writer.releaseAll();
  t.same(await Promise.all(results), [10, 20, 30, 40, 50]);
  t.same(writer.batches.at(-1), [5]);
});

t.test('a failing batch is written again item by item: only the item that cannot be stored fails', async (t) => {
  const writer = gatedWriter((item) => item === 2);
  const commit = new GroupCommit(writer.write, { max: 100, parallel: 1 });
  const results = [1, 2, 3].map((n) => commit.submit(n).then((value) => ({ value }), (error: Error) => ({ error: error.message })));
  await writer.releaseAll();
  t.same(await Promise.all(results), [{ value: 10 }, { error: 'cannot store 2' }, { value: 30 }]);
  t.same(writer.batches, [[1, 2, 3], [1], [2], [3]]);
});
