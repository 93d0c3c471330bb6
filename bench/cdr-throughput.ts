// CDR benchmark: call events into PostgreSQL through the real path, side by side in one run with a
// naive writer (one plain INSERT per event into a scratch table, no idempotency).
//
//   HOTLINE_CONFIG=.hotline/dev/hotline.json npx tsx bench/cdr-throughput.ts      # or: npm run bench:cdr
//
// Runs against the development stack (bash scripts/stack.sh up dev) with no workers of its own
// attached. Ours is the production path: the control service's job bus → BullMQ →
// `startCallEventsWorker`, which stores the events of the jobs in hand in batches (one transaction
// each: sorted per-call advisory locks, one idempotent insert, refold of the touched calls, one
// multi-row upsert). Both sides share one pool of 4 PostgreSQL connections. 1. Throughput: the
// same answered-call event stream, rounds alternating between: the worker's batch write alone
// (batches of 100 on the 4 connections, as the worker writes when jobs pile up); ours end to end,
// published all at once as the control service publishes (without waiting on storage) until every
// event is stored; the naive writer with 4 concurrent loops (one insert per connection at a time).
// Then a shuffled replay of one round's events must store nothing and change no row. 2. Latency at a steady 200
// events/s, segments alternating; the naive writer is called directly. Latency is from publishing a call's end to its row being
// committed (the worker's 'completed' event, which BullMQ emits after the job is marked done, so
// ours is if anything overstated). Every row is counted afterwards, then everything the run wrote
// (call ids in one reserved range, the scratch table, the BullMQ jobs) is deleted.
import { mkdtempSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { Queue } from 'bullmq';
import { pino } from 'pino';
import { CALL_EVENTS_QUEUE, loadConfig, type CallEvent } from '@hotline/contracts';
import { createCallRecordRepository, createPool } from '@hotline/db';
import { createJobBus } from '../services/control/src/plugins/job-bus.js';
import { Outbox } from '../services/control/src/plugins/outbox.js';
import { startCallEventsWorker } from '../services/workers/src/call-events.worker.js';
import { BENCH_CALL_IDS, callEventStream } from './cdr-events.js';
import { createNaiveCdrWriter } from './naive-cdr-writer.js';

const WRITERS = 4;
const BATCH = 100; // as the call-events worker
const THROUGHPUT_ROUNDS = 3;
const THROUGHPUT_CALLS = 1_000; // 4 events each, per round and writer
const EVENTS_PER_SECOND = 200;
const LATENCY_SEGMENTS = 2; // per writer, alternating
const SEGMENT_SECONDS = 10;
const EVENTS_PER_CALL = 4;

type Send = (event: CallEvent) => Promise<void>;

const config = loadConfig();
const connection = { host: config.redis.host, port: config.redis.port, password: config.redis.password, maxRetriesPerRequest: null };
const pool = createPool(config.postgres, WRITERS);
const records = createCallRecordRepository(pool);
const naive = createNaiveCdrWriter(pool);
const runTag = Math.floor(Math.random() * 0x10000);
let nextSequence = 0;

function stream(calls: number): CallEvent[] {
  const arrivalMs = (1000 * EVENTS_PER_CALL) / EVENTS_PER_SECOND;
  const events = callEventStream(runTag, nextSequence, calls, arrivalMs, Date.now());
  nextSequence += calls;
  return events;
}

/** Writes every event with WRITERS concurrent loops; returns the seconds it took. */
async function drain(events: readonly CallEvent[], send: Send): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: WRITERS }, async () => {
      for (let event = events[next++]; event !== undefined; event = events[next++]) await send(event);
    }),
  );
  return (performance.now() - started) / 1000;
}

/** Emits the events at EVENTS_PER_SECOND without waiting for writes; returns each call end's ms to visible. */
async function paced(events: readonly CallEvent[], send: Send): Promise<{ latencies: number[]; rate: number }> {
  const latencies: number[] = [];
  const writes: Promise<void>[] = [];
  const gapMs = 1000 / EVENTS_PER_SECOND;
  const started = performance.now();
  for (const [i, event] of events.entries()) {
    const wait = started + i * gapMs - performance.now();
    if (wait > 0) await sleep(wait);
    const emittedAt = performance.now();
    writes.push(
      send(event).then(() => {
        if (event.type === 'call.ended') latencies.push(performance.now() - emittedAt);
      }),
    );
  }
  const rate = events.length / ((performance.now() - started) / 1000);
  await Promise.all(writes);
  return { latencies, rate };
}

function percentile(values: readonly number[], share: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(share * sorted.length) - 1)] ?? NaN;
}

async function benchRowCounts(): Promise<{ calls: number; events: number }> {
  const count = async (sql: string) => Number((await pool.query<{ n: string }>(sql, [BENCH_CALL_IDS.first, BENCH_CALL_IDS.last])).rows[0]?.n);
  return {
    calls: await count('SELECT count(*) AS n FROM calls WHERE id BETWEEN $1 AND $2'),
    events: await count('SELECT count(*) AS n FROM call_events WHERE call_id BETWEEN $1 AND $2'),
  };
}

async function deleteBenchRows(): Promise<void> {
  await pool.query('DELETE FROM call_events WHERE call_id BETWEEN $1 AND $2', [BENCH_CALL_IDS.first, BENCH_CALL_IDS.last]);
  await pool.query('DELETE FROM calls WHERE id BETWEEN $1 AND $2', [BENCH_CALL_IDS.first, BENCH_CALL_IDS.last]);
}

const queue = new Queue(CALL_EVENTS_QUEUE, { connection });
const publishedJobIds: string[] = [];
if ((await queue.getWorkers()).length > 0) throw new Error(`workers are attached to ${CALL_EVENTS_QUEUE}: stop the stack's workers first, they would take the benchmark's jobs`);
await deleteBenchRows(); // leftovers of a run that was killed
await naive.create();

// The control service's own job bus, outbox file included (in a scratch folder).
const publisher = createJobBus(config.redis, new Outbox(join(mkdtempSync(join(tmpdir(), 'hotline-bench-')), 'control.jsonl')));
const worker = startCallEventsWorker(connection, records, pino({ level: 'silent' }));
const committed = new Map<string, () => void>();
worker.on('completed', (job) => committed.get(job.id ?? '')?.());

/** Ours end to end: publish as the control service does, resolved when the worker has stored the event. */
const throughBullmq: Send = async (event) => {
  const stored = new Promise<void>((resolve) => committed.set(event.id, resolve));
  publishedJobIds.push(event.id);
  await publisher.publish(event);
  await stored;
  committed.delete(event.id);
};

/** The worker's storage alone: batches of BATCH events, one transaction each, on WRITERS connections at once. */
async function storeInBatches(events: readonly CallEvent[]): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: WRITERS }, async () => {
      for (let batch = events.slice(next, (next += BATCH)); batch.length > 0; batch = events.slice(next, (next += BATCH))) await records.recordMany(batch);
    }),
  );
  return (performance.now() - started) / 1000;
}

/** A replay of stored events, shuffled and in batches of every size, must change no row. */
async function replayChangesNothing(events: readonly CallEvent[]): Promise<void> {
  const rows = async () => (await pool.query('SELECT * FROM calls WHERE id BETWEEN $1 AND $2 ORDER BY id', [BENCH_CALL_IDS.first, BENCH_CALL_IDS.last])).rows;
  const before = JSON.stringify(await rows());
  const shuffled = [...events].sort(() => Math.random() - 0.5);
  for (let at = 0, size = 1; at < shuffled.length; at += size, size = (size % BATCH) + 7) {
    if ((await records.recordMany(shuffled.slice(at, at + size))).size > 0) throw new Error('a replayed event was stored again');
  }
  if (JSON.stringify(await rows()) !== before) throw new Error('a replay changed a call row');
}

/** Ours flat out: every event published as fast as the job bus takes them; returns the seconds until all are stored. */
async function publishAll(events: readonly CallEvent[]): Promise<number> {
  const started = performance.now();
  await Promise.all(events.map((event) => throughBullmq(event)));
  return (performance.now() - started) / 1000;
}

try {
  const written = { stored: { events: 0, seconds: 0 }, ours: { events: 0, seconds: 0 }, naive: { events: 0, seconds: 0 } };
  const lanes = [['stored', storeInBatches], ['ours', publishAll], ['naive', (events: readonly CallEvent[]) => drain(events, naive.write)]] as const;
  let replayed: CallEvent[] = [];
  for (let round = 0; round < THROUGHPUT_ROUNDS; round += 1) {
    for (const [writer, write] of lanes) {
      const events = stream(THROUGHPUT_CALLS);
      written[writer].seconds += await write(events);
      written[writer].events += events.length;
      if (writer === 'ours') replayed = events;
    }
  }
  const stored = await benchRowCounts();
  const naiveRows = await naive.count();
  const expectedCalls = 2 * THROUGHPUT_ROUNDS * THROUGHPUT_CALLS;
  if (stored.calls !== expectedCalls || stored.events !== written.ours.events + written.stored.events || naiveRows !== written.naive.events) {
    throw new Error(`rows missing: ours ${stored.calls} calls / ${stored.events} events, naive ${naiveRows} events`);
  }

  const latency = { ours: { latencies: [] as number[], rates: [] as number[] }, naive: { latencies: [] as number[], rates: [] as number[] } };
  const segmentCalls = (EVENTS_PER_SECOND * SEGMENT_SECONDS) / EVENTS_PER_CALL;
  for (let segment = 0; segment < LATENCY_SEGMENTS; segment += 1) {
    for (const [writer, send] of [['ours', throughBullmq], ['naive', naive.write]] as const) {
      const { latencies, rate } = await paced(stream(segmentCalls), send);
      latency[writer].latencies.push(...latencies);
      latency[writer].rates.push(rate);
    }
  }
  const afterLatency = await benchRowCounts();
  if (afterLatency.calls !== expectedCalls + LATENCY_SEGMENTS * segmentCalls) throw new Error(`rows missing after the latency run: ${afterLatency.calls} calls`);

  const cpu = cpus();
  const postgres = (await pool.query<{ server_version: string }>('SHOW server_version')).rows[0]?.server_version;
  const integer = (n: number) => Math.round(n).toLocaleString('en-US');
  const ms = (n: number) => n.toFixed(n < 10 ? 2 : 1);
  const ratio = (ours: number, base: number) => `${(ours / base).toFixed(2)}×`;
  await replayChangesNothing(replayed);
  const throughput = (writer: 'stored' | 'ours' | 'naive') => written[writer].events / written[writer].seconds;
  const at = (writer: 'ours' | 'naive', share: number) => percentile(latency[writer].latencies, share);
  const minRate = Math.min(...latency.ours.rates, ...latency.naive.rates);

  console.log(`Node ${process.version}, ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, PostgreSQL ${postgres}, local Redis`);
  console.log(
    `Throughput: ${THROUGHPUT_ROUNDS} alternating rounds × ${integer(THROUGHPUT_CALLS * EVENTS_PER_CALL)} events (${integer(THROUGHPUT_CALLS)} answered calls × 4) per writer, ` +
      `${WRITERS} concurrent writers. Latency: ${LATENCY_SEGMENTS} alternating ${SEGMENT_SECONDS} s segments per writer at ${EVENTS_PER_SECOND} events/s ` +
      `(lowest achieved ${integer(minRate)}/s), ${integer(latency.ours.latencies.length)} call ends each.`,
  );
  console.log('');
  console.log('| measure | ours | naive | ours ÷ naive |');
  console.log('|---|---:|---:|---:|');
  console.log(`| throughput, events/s: the worker's batch write | ${integer(throughput('stored'))} | ${integer(throughput('naive'))} | ${ratio(throughput('stored'), throughput('naive'))} |`);
  console.log(`| throughput, events/s: published → BullMQ → stored | ${integer(throughput('ours'))} | ${integer(throughput('naive'))} | ${ratio(throughput('ours'), throughput('naive'))} |`);
  for (const [label, share] of [['p50', 0.5], ['p99', 0.99]] as const) {
    console.log(`| end of call → row visible, ${label} ms | ${ms(at('ours', share))} | ${ms(at('naive', share))} | ${ratio(at('ours', share), at('naive', share))} |`);
  }
  console.log('');
  console.log(
    `Rows checked: ours wrote ${integer(afterLatency.calls)} call rows and ${integer(afterLatency.events)} timeline rows, one per call and per event, ` +
      `and a shuffled replay of ${integer(replayed.length)} stored events in batches of 1 to ${BATCH} stored nothing and changed no row; ` +
      `the naive table holds ${integer(await naive.count())} event rows. All are deleted as the run ends.`,
  );
} finally {
  await worker.close();
  await publisher.close();
  for (const jobId of publishedJobIds) await queue.remove(jobId);
  await queue.close();
  await deleteBenchRows();
  await naive.drop();
  await pool.end();
}
