import t from 'tap';
import { resolveQueue } from '../src/config.js';
import { MinHeap } from '../src/min-heap.js';
import { nextExpansionAfter, qualifies, skillScore, thresholdsAt } from '../src/skill-thresholds.js';
import { SortedArray } from '../src/sorted-array.js';
import { TimerQueue } from '../src/timer-queue.js';
import { WaitingCalls } from '../src/waiting-calls.js';
import { prng } from '../../../bench/prng.js';

const numeric = (a: number, b: number): number => a - b;

t.test('SortedArray keeps order, finds by key and reports removed positions', async (t) => {
  const set = new SortedArray<number>(numeric);
  for (const n of [5, 1, 9, 3, 7]) set.add(n);
  t.same([...set], [1, 3, 5, 7, 9]);
  t.equal(set.size, 5);
  t.equal(set.indexOf(7), 3);
  t.equal(set.indexOf(4), -1, 'absent key between items');
  t.equal(set.indexOf(10), -1, 'absent key past the end');
  t.equal(set.delete(3), 1);
  t.equal(set.delete(3), -1, 'second delete finds nothing');
  t.equal(set.at(1), 5, 'the next item moved into the freed place');
  t.equal(set.at(9), undefined);
});

t.test('MinHeap pops in comparator order, whatever the insertion order', async (t) => {
  const random = prng(7);
  const heap = new MinHeap<number>(numeric);
  const values = Array.from({ length: 200 }, () => Math.floor(random() * 50));
  for (const value of values) heap.push(value);
  t.equal(heap.size, 200);
  t.equal(heap.peek(), Math.min(...values));
  const popped: number[] = [];
  for (let value = heap.pop(); value !== undefined; value = heap.pop()) popped.push(value);
  t.same(popped, [...values].sort(numeric));
  t.equal(heap.pop(), undefined, 'empty heap pops nothing');
});

t.test('TimerQueue fires due timers in time then scheduling order and skips cancelled ones', async (t) => {
  const timers = new TimerQueue<string>();
  t.equal(timers.nextAt(), undefined);
  timers.schedule(30, 'c');
  const cancelled = timers.schedule(10, 'cancelled');
  timers.schedule(20, 'b1');
  timers.schedule(20, 'b2');
  cancelled.cancelled = true;
  t.equal(timers.nextAt(), 20, 'a cancelled timer is not the next deadline');
  t.equal(timers.popDue(19), undefined, 'nothing is due before its time');
  t.equal(timers.popDue(25)?.payload, 'b1');
  t.equal(timers.popDue(25)?.payload, 'b2');
  t.equal(timers.popDue(25), undefined);
  t.equal(timers.popDue(30)?.payload, 'c');
  t.equal(timers.nextAt(), undefined);
});

t.test('WaitingCalls: priority bands, arrival order inside a band, positions and heads', async (t) => {
  const line = new WaitingCalls<{ id: string; priority: number; enqueuedAt: number }>();
  const normal1 = { id: 'n1', priority: 0, enqueuedAt: 100 };
  const normal2 = { id: 'n2', priority: 0, enqueuedAt: 200 };
  const normal2b = { id: 'n2b', priority: 0, enqueuedAt: 200 };
  const vip = { id: 'v', priority: 5, enqueuedAt: 300 };
  const gold = { id: 'g', priority: 2, enqueuedAt: 50 };
  for (const call of [normal2b, normal1, vip, normal2, gold]) line.add(call);
  t.equal(line.size, 5);
  t.same([...line].map((call) => call.id), ['v', 'g', 'n1', 'n2', 'n2b'], 'same arrival time falls back to the id');
  t.same(line.heads().map((call) => call.id), ['v', 'g', 'n1']);
  t.same([vip, gold, normal1, normal2, normal2b].map((call) => line.position(call)), [1, 2, 3, 4, 5]);
  t.equal(line.remove(normal1), normal2, 'the next call in the band moves up');
  t.equal(line.remove(normal2b), undefined, 'nothing behind the last call');
  t.equal(line.remove(gold), undefined);
  t.same(line.heads().map((call) => call.id), ['v', 'n2'], 'an emptied band disappears');
  t.equal(line.size, 2);
});

t.test('skill expansion lowers each requirement at its own steps', async (t) => {
  const queue = resolveQueue({
    id: 'q',
    skills: [
      { skill: 'billing', minLevel: 7, expansion: [{ afterSeconds: 20, minLevel: 4 }, { afterSeconds: 60, minLevel: 1 }] },
      { skill: 'spanish', minLevel: 5, expansion: [{ afterSeconds: 45, minLevel: 3 }] },
    ],
  });
  t.same(thresholdsAt(queue, 0), [{ skill: 'billing', minLevel: 7 }, { skill: 'spanish', minLevel: 5 }]);
  t.same(thresholdsAt(queue, 19_999), [{ skill: 'billing', minLevel: 7 }, { skill: 'spanish', minLevel: 5 }]);
  t.same(thresholdsAt(queue, 20_000), [{ skill: 'billing', minLevel: 4 }, { skill: 'spanish', minLevel: 5 }], 'a step applies from its exact second');
  t.same(thresholdsAt(queue, 45_000), [{ skill: 'billing', minLevel: 4 }, { skill: 'spanish', minLevel: 3 }]);
  t.same(thresholdsAt(queue, 3_600_000), [{ skill: 'billing', minLevel: 1 }, { skill: 'spanish', minLevel: 3 }]);
  t.equal(nextExpansionAfter(queue, 0), 20_000);
  t.equal(nextExpansionAfter(queue, 20_000), 45_000);
  t.equal(nextExpansionAfter(queue, 50_000), 60_000);
  t.equal(nextExpansionAfter(queue, 60_000), undefined, 'fully expanded');

  const skills = new Map([['billing', 6], ['spanish', 9]]);
  t.notOk(qualifies(skills, queue, 0));
  t.ok(qualifies(skills, queue, 20_000));
  t.notOk(qualifies(new Map([['billing', 10]]), queue, 60_000), 'a missing skill never qualifies');
  t.equal(skillScore(skills, queue), 15);
  t.equal(skillScore(new Map([['billing', 4]]), queue), 4);
});
