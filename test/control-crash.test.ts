import t from 'tap';
import { spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { demoAgent, forgetLastRun, seedTestData, testConfig } from './helpers/stack.js';
import { killAllSipp, sippAgent, sippCaller, sippCustomerPhone } from './helpers/sipp.js';
import { waitFor } from './helpers/wait.js';
import { inProcessWorkers, startControlProcess } from './helpers/workers.js';
import { createPool } from '@hotline/db';
import { demoQueues } from '../services/control/src/demo/demo-config.js';
import { unconfirmed } from '../services/control/src/plugins/outbox.js';

// The control service SIGKILLed with one call talking, one caller waiting and one callback booked:
// the talking call stays up in Asterisk, the restarted service takes them all up again from its
// Redis snapshot, the waiting caller is answered, the callback made, and each call stored exactly once.
const config = testConfig();
const credentials = await seedTestData(config);
await forgetLastRun(config);
const pool = createPool(config.postgres, 2);
const workers = inProcessWorkers(config, pool, ['call-events']);
const base = `http://${config.http.host}:${config.http.port}`;
const ari = new URL(config.ari.url);
const ariAuth = `Basic ${Buffer.from(`${config.ari.username}:${config.ari.password}`).toString('base64')}`;
const carol = demoAgent(credentials, '1003');
const bob = demoAgent(credentials, '1002');
const carolPhone = sippAgent(config, '1003', carol.sipPassword, 15801);
const bobPhone = sippAgent(config, '1002', bob.sipPassword, 15802);
let control: ChildProcess | undefined;

const api = async (method: string, path: string, token?: string, body?: unknown) => {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, body: (await res.json().catch(() => null)) as unknown };
};
const healthy = () => waitFor('a healthy control service', async () => ((await fetch(`${base}/healthz`).catch(() => undefined))?.status === 200 ? true : undefined), 60_000);
const login = async (username: string, password: string) => ((await api('POST', '/auth/login', undefined, { username, password })).body as { token: string }).token;
const ariChannels = async () => ((await (await fetch(`${ari.origin}/ari/channels`, { headers: { authorization: ariAuth } })).json()) as { id: string }[]).map((c) => c.id);
interface CallView { id: string; state: string; customerNumber: string; agentId: string | null }

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
/** Starts whatever of the test stack is not running (here: Redis after it was killed). */
const stackUp = () => spawnSync('bash', ['scripts/stack.sh', 'up', config.instance], { cwd: repoRoot, encoding: 'utf8' }).status;

t.teardown(async () => {
  killAllSipp();
  stackUp();
  control?.kill('SIGTERM');
  await carolPhone.unregister();
  await bobPhone.unregister();
  await workers.close();
  await pool.end();
});

const talkingNumber = `5563${String(Date.now()).slice(-6)}`;
const waitingNumber = `5564${String(Date.now()).slice(-6)}`;
const goneNumber = `5565${String(Date.now()).slice(-6)}`;
const callbackNumber = `5566${String(Date.now()).slice(-6)}`;
let callbackCall: CallView;
let goneCall: CallView;
let goneCaller: ReturnType<ReturnType<typeof sippCaller>['call']>;
let killedAt = 0;
let talkingCall: CallView;
let waitingCall: CallView;
let talkingCaller: ReturnType<ReturnType<typeof sippCaller>['call']>;
let waitingCaller: ReturnType<ReturnType<typeof sippCaller>['callUntilHangup']>;

t.test('before the crash: one call talking, one caller waiting, one callback booked', async (t) => {
  control = startControlProcess();
  await healthy();
  const admin = await login('admin', credentials.admin.password);
  const { id: _id, ...general } = demoQueues.find((q) => q.id === 'general') ?? demoQueues[0]!;
  const callback = { enabled: true, key: '1', maxAttempts: 1, retryAfterSecs: 60, ringSecs: 10, window: { from: '00:00', to: '24:00' } };
  // A short wrap-up: time for the test to ready Bob's phone for his second call (the callback).
  t.equal((await api('PUT', '/queues/general', admin, { ...general, survey: { mode: 'off' }, wrapupSecs: 3, callback })).status, 200);
  t.equal((await carolPhone.register()).code, 0);
  const carolAnswers = carolPhone.answer();
  const carolToken = await login('1003', carol.password);
  t.equal((await api('POST', '/agents/1003/state', carolToken, { state: 'ready' })).status, 200);
  // Talks for 25 s after the service answers, across the crash, then hangs up itself.
  talkingCaller = sippCaller(config, talkingNumber).call('7000', 25_000);
  talkingCall = await waitFor('the call talking', async () =>
    ((await api('GET', '/calls', admin)).body as CallView[]).find((c) => c.customerNumber === talkingNumber && c.state === 'talking'));
  waitingCaller = sippCaller(config, waitingNumber).callUntilHangup('7000');
  waitingCall = await waitFor('the caller waiting', async () =>
    ((await api('GET', '/calls', admin)).body as CallView[]).find((c) => c.customerNumber === waitingNumber && c.state === 'waiting'));
  t.equal(talkingCall.agentId, '1003');
  // A caller who gives up 4 s after arriving: while the service is down.
  goneCaller = sippCaller(config, goneNumber).call('7000', 4_000);
  goneCall = await waitFor('the caller who will hang up', async () =>
    ((await api('GET', '/calls', admin)).body as CallView[]).find((c) => c.customerNumber === goneNumber && c.state !== 'ended'));
  const booking = sippCaller(config, callbackNumber).rate('7000', 1_000, ['1']);
  callbackCall = await waitFor('the callback booked', async () =>
    ((await api('GET', '/calls', admin)).body as CallView[]).find((c) => c.customerNumber === callbackNumber && c.state === 'callback'));
  t.equal((await booking.done).code, 0, 'the caller asking for a callback hung up');
  void carolAnswers.done;
});

t.test('SIGKILL: the talking call stays up in Asterisk', async (t) => {
  control?.kill('SIGKILL');
  killedAt = Date.now();
  await new Promise((resolve) => control?.once('exit', resolve));
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  const channels = await ariChannels();
  t.ok(channels.length >= 3, 'caller, agent leg and waiting caller are all still there');
  t.equal((await goneCaller.done).code, 0, 'meanwhile the third caller hung up');
  t.ok((await fetch(`${base}/healthz`).catch(() => undefined)) === undefined, 'the service is gone');
});

t.test('restarted: every call taken up again, the waiting caller answered, the callback made, each call stored once', async (t) => {
  control = startControlProcess();
  await healthy();
  const admin = await login('admin', credentials.admin.password);
  const calls = await waitFor('both calls taken up', async () => {
    const list = (await api('GET', '/calls', admin)).body as CallView[];
    return [talkingCall, waitingCall, callbackCall].every((call) => list.some((c) => c.id === call.id)) ? list : undefined;
  }, 20_000);
  t.match(calls.find((c) => c.id === talkingCall.id), { state: 'talking', agentId: '1003' }, 'the talking call goes on with its agent');
  t.match(calls.find((c) => c.id === waitingCall.id), { state: 'waiting' }, 'the waiting caller keeps waiting, same call');
  t.match(calls.find((c) => c.id === callbackCall.id), { state: 'callback' }, 'the callback is still booked, same call');
  t.match((await api('GET', '/agents/1003', admin)).body, { state: 'on-call', callId: talkingCall.id }, 'the agent is on the call again');

  t.equal((await bobPhone.register()).code, 0);
  const bobAnswers = bobPhone.answerThenHangUp(1_500);
  t.equal((await api('POST', '/agents/1002/state', await login('1002', bob.password), { state: 'ready' })).status, 200);
  t.equal((await waitingCaller.done).code, 0, 'the waiting caller was answered and released');
  t.equal((await bobAnswers.done).code, 0);
  // Next in line after the caller who arrived before it: the callback, agent first, then the customer.
  const customer = sippCustomerPhone(config).answers(callbackNumber, 500);
  t.equal((await bobPhone.answerThenHangUp(3_000).done).code, 0, 'bob took the callback');
  t.equal((await customer.done).code, 0, 'the customer was called back after the restart');
  t.equal((await talkingCaller.done).code, 0, 'the talking caller finished the call and hung up');

  for (const [call, agentId, outcome] of [[talkingCall, '1003', 'answered'], [waitingCall, '1002', 'answered'], [callbackCall, '1002', 'callback']] as const) {
    const rows = await waitFor(`the record of ${call.customerNumber}`, async () => {
      const { rows } = await pool.query<{ outcome: string | null; agent_id: string | null }>('SELECT outcome, agent_id FROM calls WHERE id = $1', [call.id]);
      // Events are stored in any order: wait for the whole timeline, not just its end.
      return rows[0]?.outcome && rows[0].agent_id ? rows : undefined;
    }, 30_000);
    t.same(rows, [{ outcome, agent_id: agentId }], `one ${outcome} record for the call of ${agentId}`);
    const { rows: ends } = await pool.query('SELECT id FROM call_events WHERE call_id = $1 AND type = $2', [call.id, 'call.ended']);
    t.equal(ends.length, 1, 'ended once');
  }
  const gone = await waitFor('the record of the caller who hung up meanwhile', async () => {
    const { rows } = await pool.query<{ outcome: string | null; ended: number }>('SELECT outcome, (EXTRACT(EPOCH FROM ended_at) * 1000)::float8 AS ended FROM calls WHERE id = $1', [goneCall.id]);
    return rows[0]?.outcome ? rows[0] : undefined;
  }, 30_000);
  t.equal(gone.outcome, 'abandoned', 'a caller who hung up while the service was down is an abandoned call');
  t.ok(gone.ended <= killedAt + 100, 'ended when the last run was last seen, not when the new one started');
  const { rows: others } = await pool.query('SELECT count(*)::int AS n FROM calls WHERE customer_number = ANY($1)', [[talkingNumber, waitingNumber, goneNumber, callbackNumber]]);
  t.same(others, [{ n: 4 }], 'no other record for these callers');
  const { rows: callback } = await pool.query('SELECT callback_status, callback_attempts FROM calls WHERE id = $1', [callbackCall.id]);
  t.same(callback, [{ callback_status: 'completed', callback_attempts: 1 }]);
});

t.test('killed while Redis is away: what it could not hand over is handed over at the next start, stored once', async (t) => {
  const admin = await login('admin', credentials.admin.password);
  t.equal((await api('POST', '/agents/1003/state', admin, { state: 'not-ready', reason: 'other' })).status, 200);
  await waitFor('Bob ready again', async () => (((await api('GET', '/agents/1002', admin)).body as { state: string }).state === 'ready' ? true : undefined));
  process.kill(Number(readFileSync(`${config.paths.state}/redis.pid`, 'utf8').trim()), 'SIGKILL');
  await waitFor('the service to see Redis down', async () =>
    (((await api('GET', '/healthz')).body as { dependencies?: { redis?: { status: string } } }).dependencies?.redis?.status === 'down' ? true : undefined));
  const number = `5567${String(Date.now()).slice(-6)}`;
  const bobAnswers = bobPhone.answer();
  t.equal((await sippCaller(config, number).call('7000', 4_000).done).code, 0, 'the call is handled while Redis is away');
  t.equal((await bobAnswers.done).code, 0);
  const ended = await waitFor('the call ended', async () =>
    ((await api('GET', '/calls?state=ended', admin)).body as CallView[]).find((c) => c.customerNumber === number));
  const outboxFile = `${config.paths.state}/outbox/control.jsonl`;
  const waiting = unconfirmed(outboxFile).map((job) => job.jobId);
  t.ok(waiting.includes(`${ended.id}.ended`), 'its events are in the outbox, not yet in Redis');

  control?.kill('SIGKILL');
  await new Promise((resolve) => control?.once('exit', resolve));
  t.equal(stackUp(), 0, 'Redis back');
  control = startControlProcess();
  await healthy();
  const row = await waitFor('the record of the call made while Redis was away', async () => {
    const { rows } = await pool.query<{ outcome: string | null; agent_id: string | null }>('SELECT outcome, agent_id FROM calls WHERE customer_number = $1', [number]);
    return rows[0]?.outcome && rows[0].agent_id ? rows : undefined;
  }, 30_000);
  t.same(row, [{ outcome: 'answered', agent_id: '1002' }], 'stored once, answered by Bob');
  const { rows: ends } = await pool.query('SELECT id FROM call_events WHERE call_id = $1 AND type = $2', [ended.id, 'call.ended']);
  t.equal(ends.length, 1, 'ended once');
  const leftOf = () => unconfirmed(outboxFile).filter((job) => job.jobId.includes(ended.id));
  const left = await waitFor('the outbox to confirm it', async () => (leftOf().length === 0 ? [] : undefined), 15_000).catch(leftOf);
  t.same(left, [], 'nothing of it is left waiting');
});
