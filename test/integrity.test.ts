import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import t, { type Test } from 'tap';
import { Queue } from 'bullmq';
import { CALL_EVENTS_QUEUE, type CallEvent } from '@hotline/contracts';
import { login, openTestStack } from './helpers/stack.js';
import { killAllSipp, sippCaller } from './helpers/sipp.js';
import { waitFor } from './helpers/wait.js';
import { startWorkers } from './helpers/workers.js';

// The record's integrity with the real workers process: a worker killed mid-job loses and
// duplicates nothing, bad payloads land in the dead letters, and Asterisk's own CDRs are
// reconciled against our calls.
const { config, credentials, app, pool } = await openTestStack();
const admin = { authorization: `Bearer ${await login(app, 'admin', credentials.admin.password)}` };
const connection = { host: config.redis.host, port: config.redis.port, password: config.redis.password, maxRetriesPerRequest: null };
const workers: ChildProcess[] = [];

const stopWorker = async (child: ChildProcess, signal: NodeJS.Signals) => {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill(signal);
  await exited;
};
const startWorker = () => {
  const child = startWorkers();
  workers.push(child);
  return child;
};
t.teardown(async () => {
  killAllSipp();
  for (const child of workers) await stopWorker(child, 'SIGTERM');
  await pool.end();
  await app.close();
});

function callTimeline(callId: string, at: number): CallEvent[] {
  return [
    { id: `${callId}.enqueued`, callId, at, type: 'call.enqueued', channelId: `integrity.${callId}`, queueId: 'general', customerNumber: '5550900', customerTier: 'standard' },
    { id: `${callId}.offered-1`, callId, at: at + 1_000, type: 'call.offered', agentId: '1001' },
    { id: `${callId}.answered`, callId, at: at + 2_000, type: 'call.answered', agentId: '1001' },
    { id: `${callId}.ended`, callId, at: at + 62_000, type: 'call.ended', outcome: 'answered', hangupBy: 'caller' },
    { id: `${callId}.wrapped`, callId, at: at + 72_000, type: 'call.wrapped', agentId: '1001', wrapUpSecs: 10 },
  ];
}

/**
 * `processes` worker processes take a burst of call timelines (each published twice) and the first
 * of them is SIGKILLed mid-batch. Alone, it is restarted; with others, they carry on by themselves
 * (they take up its jobs once their locks expire). Either way every event is stored once.
 */
async function killedMidBatch(t: Test, processes: number): Promise<void> {
  const calls = Array.from({ length: 80 }, () => randomUUID());
  const at = Date.UTC(2002, 0, 1, 9);
  // The workers store faster than this test publishes, so to kill one truly mid-job the second
  // half of the calls is held under the same per-call lock the record writer takes: their jobs
  // are active and waiting when the kill comes, whatever the speed of the machine.
  const holder = await pool.connect();
  const held = calls.slice(calls.length / 2);
  await holder.query('SELECT pg_advisory_lock(hashtext(id)) FROM unnest($1::text[]) id', [held]);
  t.teardown(() => holder.release(true));
  for (const child of workers) await stopWorker(child, 'SIGTERM'); // what an earlier test left running
  const running = Array.from({ length: processes }, startWorker);
  // Published only once every process consumes: a batch taken whole from a full queue would mix
  // held and free calls, and wait on the held ones' locks before storing anything.
  const queue = new Queue(CALL_EVENTS_QUEUE, { connection });
  await waitFor('the worker processes to consume', async () => ((await queue.getWorkersCount()) >= processes ? true : undefined), 60_000, 100);
  await queue.close();
  // Publish the same timelines twice: duplicates must change nothing either.
  for (let round = 0; round < 2; round++) {
    for (const [i, callId] of calls.entries()) for (const event of callTimeline(callId, at + i * 1000)) await app.jobs.publish(event);
  }
  const count = async (sql: string) => Number((await pool.query<{ n: string }>(sql, [calls])).rows[0]?.n);
  await waitFor('the workers to be part-way through', async () => ((await count('SELECT count(*) AS n FROM call_events WHERE call_id = ANY($1)')) > 20 ? true : undefined), 60_000, 20);
  await stopWorker(running[0]!, 'SIGKILL');
  const atKill = await count('SELECT count(*) AS n FROM call_events WHERE call_id = ANY($1)');
  const heldAtKill = Number((await pool.query<{ n: string }>('SELECT count(*) AS n FROM call_events WHERE call_id = ANY($1)', [held])).rows[0]?.n);
  t.ok(atKill > 20 && heldAtKill === 0, `killed with ${atKill} of ${calls.length * 5} events stored, none of the held calls'`);
  await holder.query('SELECT pg_advisory_unlock_all()');
  if (processes === 1) startWorker();
  // Jobs that were active when the worker died are picked up again once their lock expires.
  await waitFor('every event stored', async () => ((await count('SELECT count(*) AS n FROM call_events WHERE call_id = ANY($1)')) === calls.length * 5 ? true : undefined), 120_000, 250);
  t.equal(await count('SELECT count(*) AS n FROM call_events WHERE call_id = ANY($1)'), calls.length * 5, 'no event lost, none twice');
  t.equal(await count('SELECT count(*) AS n FROM calls WHERE id = ANY($1)'), calls.length, 'one call row per call');
  t.equal(
    await count("SELECT count(*) AS n FROM calls WHERE id = ANY($1) AND outcome = 'answered' AND wait_secs = 2 AND talk_secs = 60 AND ring_secs = 1 AND wrapup_secs = 10"),
    calls.length,
    'and every row is complete',
  );
}

t.test('a worker killed mid-job: after a restart every event is stored once, every call row complete', (t) => killedMidBatch(t, 1));

t.test('two worker processes, one killed mid-batch: the other stores every event once, by itself', (t) => killedMidBatch(t, 2));

t.test('a payload that can never succeed is not retried and lands in the dead letters', async (t) => {
  const queue = new Queue(CALL_EVENTS_QUEUE, { connection });
  t.teardown(() => queue.close());
  const jobId = `bad.${randomUUID()}`;
  await queue.add('call.ended', { type: 'call.ended', callId: 'not-a-uuid' }, { jobId, attempts: 20 });
  const letter = await waitFor('the dead letter', async () => {
    const letters = (await app.inject({ method: 'GET', url: '/dead-letters', headers: admin })).json() as { jobId: string; failedReason: string; attemptsMade: number }[];
    return letters.find((l) => l.jobId === jobId);
  }, 30_000);
  t.match(letter, { queue: 'call-events', attemptsMade: 1, failedReason: /invalid call event/ }, 'failed once, with the reason, out of 20 allowed attempts');
  const supervisor = { authorization: `Bearer ${await login(app, 'supervisor', credentials.supervisor.password)}` };
  t.equal((await app.inject({ method: 'GET', url: '/dead-letters', headers: supervisor })).statusCode, 403);
});

t.test("Asterisk's CDRs are reconciled against our calls", async (t) => {
  const from = new Date(Date.now() - 60_000).toISOString();
  const number = `5559${String(Date.now()).slice(-6)}`;
  // The service's AMI session asks only for the kinds it reads: a whole call brings it no channel events.
  const kinds = new Set<string>();
  const seeKind = (event: { event: string; actionid?: unknown }) => void (event.actionid === undefined && kinds.add(event.event));
  app.ami.on('event', seeKind);
  t.equal((await sippCaller(config, number).call('7000', 1500).done).code, 0);
  const ours = await waitFor('our record of the call', async () =>
    (await pool.query<{ id: string; channel_id: string }>("SELECT id, channel_id FROM calls WHERE customer_number = $1 AND outcome IS NOT NULL", [number])).rows[0]);
  await waitFor("Asterisk's CDR of it", async () => (await pool.query('SELECT 1 FROM asterisk_cdrs WHERE uniqueid = $1', [ours.channel_id])).rows[0]);
  app.ami.off('event', seeKind);
  t.same([...kinds].filter((kind) => kind !== 'Cdr' && kind !== 'UserEvent'), [], `AMI events the service received: ${[...kinds].join(', ')}`);
  const report = async () =>
    (await app.inject({ method: 'GET', url: `/reconciliation?from=${from}&to=${new Date(Date.now() + 60_000).toISOString()}`, headers: admin })).json() as {
      asteriskCalls: number; recorded: number; missing: { uniqueid: string }[];
    };
  const before = await report();
  t.ok(before.asteriskCalls >= 1);
  t.notOk(before.missing.some((m) => m.uniqueid === ours.channel_id), 'the call Asterisk saw has our record');
  // Lose our record of it (what a lost CDR would look like): the reconciliation must say so.
  await pool.query('DELETE FROM calls WHERE id = $1', [ours.id]);
  const after = await report();
  t.ok(after.missing.some((m) => m.uniqueid === ours.channel_id), 'a call without our record is reported');
  t.equal(after.recorded, before.recorded - 1);
  const bad = await app.inject({ method: 'GET', url: `/reconciliation?from=${new Date().toISOString()}&to=${from}`, headers: admin });
  t.equal(bad.statusCode, 400);  const today = await app.inject({ method: 'GET', url: '/reconciliation', headers: admin });
  t.equal(today.statusCode, 200, 'without a period it reports today so far');
  const todayReport = today.json() as { from: number; to: number; missing: { uniqueid: string }[] };
  t.equal(new Date(todayReport.from).getHours() + new Date(todayReport.from).getMinutes(), 0, 'from the start of the day');
  t.ok(todayReport.missing.some((m) => m.uniqueid === ours.channel_id), 'and finds the same missing call');
});
