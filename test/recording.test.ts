import { randomUUID, createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import t from 'tap';
import { createRecordingRepository } from '@hotline/db';
import { applyRetention } from '../services/workers/src/retention.js';
import { demoAgent, login, openTestStack } from './helpers/stack.js';
import { killAllSipp, sippAgent, sippCaller } from './helpers/sipp.js';
import { waitFor } from './helpers/wait.js';
import { inProcessWorkers } from './helpers/workers.js';

// Call recording on the real stack: the caller's channel is recorded (MixMonitor), paused on
// request, finalised by the worker into the store, found, streamed with ranges and audited.

/** Root-mean-square level of a 16-bit mono WAV file's samples between two times. */
function loudness(wav: Buffer, fromSecs: number, toSecs: number): number {
  const data = wav.indexOf('data', 12, 'ascii') + 8;
  const rate = wav.readUInt32LE(24);
  const first = data + 2 * Math.floor(fromSecs * rate);
  const last = Math.min(wav.length - 2, data + 2 * Math.floor(toSecs * rate));
  let sum = 0;
  for (let at = first; at <= last; at += 2) sum += wav.readInt16LE(at) ** 2;
  return Math.sqrt(sum / Math.max(1, (last - first) / 2 + 1));
}
const { config, credentials, app, pool } = await openTestStack();
const recordings = createRecordingRepository(pool);
const workers = inProcessWorkers(config, pool, ['call-events', 'recordings']);
const carol = demoAgent(credentials, '1003');
const alice = demoAgent(credentials, '1001');
const phone = sippAgent(config, '1003', carol.sipPassword, 15401);
const carolAuth = { authorization: `Bearer ${await login(app, '1003', carol.password)}` };
const aliceAuth = { authorization: `Bearer ${await login(app, '1001', alice.password)}` };
const supervisorAuth = { authorization: `Bearer ${await login(app, 'supervisor', credentials.supervisor.password)}` };
const adminAuth = { authorization: `Bearer ${await login(app, 'admin', credentials.admin.password)}` };
t.teardown(async () => {
  killAllSipp();
  await phone.unregister();
  await workers.close();
  await pool.end();
  await app.close();
});

let recordingId = '';
// A caller number of this run only, so a search finds exactly this run's call.
const customerNumber = `5554${String(Date.now()).slice(-6)}`;

t.test('a recorded call: WAV as long as the talk, sha256, and the paused span listed', async (t) => {
  t.equal((await phone.register()).code, 0);
  t.equal((await app.inject({ method: 'POST', url: '/agents/1003/state', headers: carolAuth, payload: { state: 'ready' } })).statusCode, 200);
  const agentLeg = phone.answer();
  const caller = sippCaller(config, customerNumber).call('7000', 5000);
  const talking = await waitFor('the call to be answered', async () => {
    const calls = (await app.inject({ method: 'GET', url: '/calls', headers: carolAuth })).json() as { id: string; state: string }[];
    return calls.find((c) => c.state === 'talking');
  });
  await new Promise((r) => setTimeout(r, 800));
  const pause = await app.inject({ method: 'POST', url: `/calls/${talking.id}/recording`, headers: carolAuth, payload: { paused: true } });
  t.equal(pause.statusCode, 200, 'the agent pauses the recording (card details)');
  const other = await app.inject({ method: 'POST', url: `/calls/${talking.id}/recording`, headers: aliceAuth, payload: { paused: false } });
  t.equal(other.statusCode, 404, "another agent cannot touch this call's recording");
  await new Promise((r) => setTimeout(r, 1000));
  t.equal((await app.inject({ method: 'POST', url: `/calls/${talking.id}/recording`, headers: carolAuth, payload: { paused: false } })).statusCode, 200, 'and resumes it');
  t.equal((await caller.done).code, 0);
  await agentLeg.done;

  const stored = await waitFor('the finalised recording', async () => {
    const row = await recordings.get(talking.id);
    return row?.status === 'stored' ? row : undefined;
  }, 40_000);
  const call = await waitFor('the call row with its recording', async () => {
    const { rows } = await pool.query<{ recording_id: string | null; talk: number }>('SELECT recording_id, talk_secs::float8 AS talk FROM calls WHERE id = $1', [talking.id]);
    return rows[0]?.recording_id ? rows[0] : undefined;
  });
  t.equal(call.recording_id, talking.id);
  t.ok(stored.secs !== null && Math.abs(stored.secs - call.talk) < 1, `recording ${stored.secs}s vs talk ${call.talk}s: within a second`);
  const file = await readFile(stored.path ?? '');
  t.equal(stored.bytes, file.length);
  t.equal(stored.sha256, createHash('sha256').update(file).digest('hex'));
  t.equal(stored.pausedSpans.length, 1, 'one paused span');
  const span = stored.pausedSpans[0];
  t.ok(span && span.toSecs - span.fromSecs > 0.7 && span.toSecs - span.fromSecs < 1.6, `paused for about a second (${JSON.stringify(span)})`);
  if (span) {
    // The span's edges are known to a few tens of milliseconds (two requests apart): look inside them.
    const paused = loudness(file, span.fromSecs + 0.2, span.toSecs - 0.2);
    const talked = loudness(file, span.toSecs + 0.2, stored.secs ?? 0);
    t.ok(paused < 50 && talked > 500, `silent while paused (RMS ${paused.toFixed(0)}), audio after it (RMS ${talked.toFixed(0)})`);
  }
  t.notOk(existsSync(`${config.paths.asteriskRoot}/spool/monitor/calls/${talking.id}.wav`), 'moved out of the spool');
  recordingId = stored.id;
});

t.test('search, range requests and downloads, each audited', async (t) => {
  const found = (await app.inject({ method: 'GET', url: `/recordings?customerNumber=${customerNumber}`, headers: supervisorAuth })).json() as { id: string }[];
  t.same(found.map((r) => r.id), [recordingId], 'the supervisor finds the team’s recording by customer number');
  const stored = await recordings.get(recordingId);
  const file = await readFile(stored?.path ?? '');

  const part = await app.inject({ method: 'GET', url: `/recordings/${recordingId}/audio`, headers: { ...carolAuth, range: 'bytes=100-1099' } });
  t.equal(part.statusCode, 206);
  t.equal(part.headers['content-range'], `bytes 100-1099/${file.length}`);
  t.equal(part.headers['accept-ranges'], 'bytes');
  t.same(part.rawPayload, file.subarray(100, 1100), 'exactly the requested bytes');
  const whole = await app.inject({ method: 'GET', url: `/recordings/${recordingId}/audio?download=true`, headers: adminAuth });
  t.equal(whole.statusCode, 200);
  t.match(whole.headers['content-disposition'], /attachment/);
  t.equal(whole.rawPayload.length, file.length);
  const beyond = await app.inject({ method: 'GET', url: `/recordings/${recordingId}/audio`, headers: { ...adminAuth, range: `bytes=${file.length}-` } });
  t.equal(beyond.statusCode, 416);

  const { rows } = await pool.query<{ actor: string; action: string }>('SELECT actor, action FROM audit_log WHERE subject = $1 ORDER BY id', [recordingId]);
  t.same(
    rows.map((r) => `${r.actor} ${r.action}`),
    ['1003 recording.pause', '1003 recording.resume', '1003 recording.play', 'admin recording.download'],
    'pausing, every playback and every download are in the audit log (a refused range is not a playback)',
  );
});

t.test('an agent hears only their own calls', async (t) => {
  t.equal((await app.inject({ method: 'GET', url: `/recordings/${recordingId}`, headers: carolAuth })).statusCode, 200);
  t.equal((await app.inject({ method: 'GET', url: `/recordings/${recordingId}`, headers: aliceAuth })).statusCode, 404);
  t.equal((await app.inject({ method: 'GET', url: `/recordings/${recordingId}/audio`, headers: aliceAuth })).statusCode, 404);
  const aliceList = (await app.inject({ method: 'GET', url: '/recordings?agentId=1003', headers: aliceAuth })).json() as { agentId: string }[];
  t.ok(aliceList.every((r) => r.agentId === '1001'), "asking for another agent's calls returns only one's own");
  t.equal((await app.inject({ method: 'GET', url: '/recordings?minSecs=-1', headers: adminAuth })).statusCode, 400);
  t.equal((await app.inject({ method: 'GET', url: '/recordings/../../etc/passwd', headers: adminAuth })).statusCode, 404);
  t.equal((await app.inject({ method: 'GET', url: '/recordings/not-an-id/audio', headers: adminAuth })).statusCode, 400);
});

t.test('retention deletes only the recordings that are due', async (t) => {
  const day = 86_400_000;
  const now = Date.now();
  const dir = join(config.recordings.dir, 'retention-test');
  await mkdir(dir, { recursive: true });
  const make = async (ageDays: number) => {
    const id = randomUUID();
    const path = join(dir, `${id}.wav`);
    await writeFile(path, 'RIFF');
    await recordings.store({ id, callId: id, status: 'stored', failureReason: null, path, format: 'wav', secs: 1, bytes: 4, sha256: null, pausedSpans: [], startedAt: now - ageDays * day });
    return { id, path };
  };
  const old = await make(200);
  const young = await make(10);
  const deleted = await applyRetention(recordings, now, 180);
  t.ok(deleted >= 1, `${deleted} deleted`);
  t.notOk(existsSync(old.path), 'the 200-day-old file is deleted');
  t.match(await recordings.get(old.id), { status: 'deleted', path: null }, 'and its row marked, not removed');
  t.ok(existsSync(young.path), 'the 10-day-old file stays');
  t.match(await recordings.get(young.id), { status: 'stored' });
  t.ok((await recordings.get(recordingId))?.status === 'stored', "today's call recording stays");
});
