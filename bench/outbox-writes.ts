// Outbox benchmark: the control service's outbox (services/control/src/plugins/outbox.ts), which
// writes the lines of one turn of the event loop in one append, side by side in one run with one
// append per line (how it wrote before: a `writeSync` for every job written and every job confirmed).
//
//   npx tsx bench/outbox-writes.ts
//
// Each round hands over JOBS jobs in bursts of BURST per turn (a call's step publishes a few events
// at once), waits for every line to be on file, then confirms them all, the way the job bus does
// once Redis has them. Rounds alternate between the two; the file is on this machine's temp dir.
import { closeSync, mkdtempSync, openSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Outbox, type OutboxJob } from '../services/control/src/plugins/outbox.js';

const JOBS = 20_000;
const ROUNDS = 4;
const BURSTS = [1, 4, 16];

const jobs: OutboxJob[] = Array.from({ length: JOBS }, (_, i) => ({
  queue: 'call-events',
  name: 'call.answered',
  jobId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  data: { id: i, callId: `call-${i >> 2}`, type: 'call.answered', at: 1_700_000_000_000 + i, agentId: '1001', queueId: 'general' },
  at: 1_700_000_000_000 + i,
  delayMs: 0,
}));

const turnEnds = () => new Promise<void>((resolve) => setImmediate(resolve));
const fresh = () => join(mkdtempSync(join(tmpdir(), 'hotline-outbox-bench-')), 'control.jsonl');

async function batched(burst: number): Promise<number> {
  const outbox = new Outbox(fresh());
  const started = performance.now();
  for (let i = 0; i < JOBS; i += burst) {
    const turn = jobs.slice(i, i + burst);
    await Promise.all(turn.map((job) => outbox.written(job)));
    for (const job of turn) outbox.confirmed(job);
  }
  await turnEnds();
  const ms = performance.now() - started;
  outbox.close();
  return ms;
}

async function perLine(burst: number): Promise<number> {
  const fd = openSync(fresh(), 'a');
  const started = performance.now();
  for (let i = 0; i < JOBS; i += burst) {
    const turn = jobs.slice(i, i + burst);
    for (const job of turn) writeSync(fd, `${JSON.stringify({ op: 'add', ...job })}\n`);
    await turnEnds();
    for (const job of turn) writeSync(fd, `${JSON.stringify({ op: 'done', queue: job.queue, jobId: job.jobId })}\n`);
  }
  const ms = performance.now() - started;
  closeSync(fd);
  return ms;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;

console.log(`outbox: ${JOBS} jobs per round, ${ROUNDS} rounds each, alternating; jobs/s (median round)`);
console.log('| jobs per turn | one append per line | one append per turn (ours) | ours ÷ per line |');
console.log('|---|---|---|---|');
for (const burst of BURSTS) {
  const ours: number[] = [];
  const naive: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    naive.push(await perLine(burst));
    ours.push(await batched(burst));
  }
  const rate = (ms: number) => Math.round(JOBS / (ms / 1000));
  const o = rate(median(ours));
  const n = rate(median(naive));
  console.log(`| ${burst} | ${n} | ${o} | ${(o / n).toFixed(2)}× |`);
}
