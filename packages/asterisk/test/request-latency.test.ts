import t from 'tap';
import { RequestLatency } from '../src/request-latency.js';

/** A request answered (or refused) when the test says so. */
function pending<T>() {
  let settle!: { resolve(value: T): void; reject(error: Error): void };
  const promise = new Promise<T>((resolve, reject) => (settle = { resolve, reject }));
  return { promise, ...settle };
}

t.test('averages the answers, the newest weighing a tenth', async (t) => {
  let now = 0;
  const latency = new RequestLatency(() => now, 0.1, Number.POSITIVE_INFINITY);
  t.equal(latency.ms, 0, 'nothing asked yet: no latency');
  const first = pending<string>();
  const timed = latency.time(first.promise);
  now = 100;
  first.resolve('answer');
  t.equal(await timed, 'answer', 'the answer passes through');
  t.equal(latency.ms, 10);
  const second = pending<string>();
  const failed = latency.time(second.promise);
  now = 300;
  second.reject(new Error('Channel not found'));
  await t.rejects(failed, /Channel not found/, 'a failure passes through too');
  t.equal(latency.ms, 10 + 0.1 * (200 - 10), 'and is timed like an answer');
});

t.test('a request still waiting counts for its age: a stalled Asterisk reads as slow at once', async (t) => {
  let now = 0;
  const latency = new RequestLatency(() => now, 0.1, Number.POSITIVE_INFINITY);
  const stalled = pending<void>();
  const timed = latency.time(stalled.promise);
  const quick = pending<void>();
  const answered = latency.time(quick.promise);
  now = 5;
  quick.resolve();
  await answered;
  now = 2_000;
  t.equal(latency.ms, 2_000, 'the oldest waiting request, not the 0.5 ms average');
  stalled.resolve();
  await timed;
  t.ok(latency.ms < 2_000, 'answered at last: back to the average');
});

t.test('the average fades while nothing is answered', async (t) => {
  let now = 0;
  const latency = new RequestLatency(() => now, 1, 1_000);
  const slow = pending<void>();
  const timed = latency.time(slow.promise);
  now = 800;
  slow.resolve();
  await timed;
  t.equal(latency.ms, 800);
  now = 1_800;
  t.equal(latency.ms, 400, 'halved after a half-life');
  now = 3_800;
  t.equal(latency.ms, 100);
});
