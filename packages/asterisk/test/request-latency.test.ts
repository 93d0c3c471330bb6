import t from 'tap';
import { RequestLatency } from '../src/request-latency.js';

/** A request answered (or refused) when the test says so. */
function pending<T>() {
  let settle!: { resolve(value: T): void; reject(error: Error): void };
  const promise = new Promise<T>((resolve, reject) => (settle = { resolve, reject }));
  return { promise, ...settle };
}

/** Times one request that takes `ms` on the test clock. */
async function answered(latency: RequestLatency, clock: { now: number }, ms: number): Promise<void> {
  const request = pending<void>();
  const timed = latency.time(request.promise);
  clock.now += ms;
  request.resolve();
  await timed;
}

t.test('the median of the latest answers: one slow request does not make a slow Asterisk', async (t) => {
  const clock = { now: 0 };
  const latency = new RequestLatency(() => clock.now, 32, 10_000);
  t.equal(latency.ms, 0, 'nothing asked yet: no latency');
  const first = pending<string>();
  const timed = latency.time(first.promise);
  clock.now += 10;
  first.resolve('answer');
  t.equal(await timed, 'answer', 'the answer passes through');
  t.equal(latency.ms, 10);
  await answered(latency, clock, 20);
  t.equal(latency.ms, 15, 'two answers: their middle');
  await answered(latency, clock, 900);
  t.equal(latency.ms, 20, 'one slow answer among quick ones moves the median to the next quick one');
  await answered(latency, clock, 800);
  await answered(latency, clock, 700);
  t.equal(latency.ms, 700, 'most answers slow: slow');
});

t.test('a failure is timed like an answer and passes through', async (t) => {
  const clock = { now: 0 };
  const latency = new RequestLatency(() => clock.now);
  const request = pending<void>();
  const failed = latency.time(request.promise);
  clock.now += 300;
  request.reject(new Error('Channel not found'));
  await t.rejects(failed, /Channel not found/);
  t.equal(latency.ms, 300);
});

t.test('only the latest answers count, and none older than the memory', async (t) => {
  const clock = { now: 0 };
  const latency = new RequestLatency(() => clock.now, 3, 2_000);
  for (const ms of [1_000, 1_000, 1_000]) await answered(latency, clock, ms);
  t.equal(latency.ms, 1_000);
  for (const ms of [5, 5]) await answered(latency, clock, ms);
  t.equal(latency.ms, 5, 'of the three latest, two were quick');
  clock.now += 2_001;
  t.equal(latency.ms, 0, 'nothing answered for longer than the memory: no latency read');
});

t.test('a new link starts afresh: a request asked on the old one, timing out only now, is not counted', async (t) => {
  const clock = { now: 0 };
  const latency = new RequestLatency(() => clock.now, 32, 2_000);
  await answered(latency, clock, 1_500);
  const stranded = pending<void>();
  const timed = latency.time(stranded.promise);
  clock.now += 5_000;
  latency.newLink();
  t.equal(latency.ms, 0, 'nothing read of the new link yet');
  clock.now += 5_000;
  stranded.reject(new Error('request timed out'));
  await t.rejects(timed);
  t.equal(latency.ms, 0, 'the old link\'s 10 s request says nothing of the new one');
  await answered(latency, clock, 8);
  t.equal(latency.ms, 8);
});
