import t from 'tap';
import { spawnSync, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { demoAgent, forgetLastRun, seedTestData, testConfig } from './helpers/stack.js';
import { killAllSipp, sippAgent, sippCaller } from './helpers/sipp.js';
import { waitFor } from './helpers/wait.js';
import { inProcessWorkers, startControlProcess } from './helpers/workers.js';
import { createPool } from '@hotline/db';
import { demoQueues } from '../services/control/src/demo/demo-config.js';

// Two control instances, one leading: the leader is SIGKILLed with a call talking and five callers
// waiting. The standby takes the lead by itself, the talking call stays up, the waiting callers
// are served in the order they arrived, nobody is offered twice and every call is stored once.
const config = testConfig();
const credentials = await seedTestData(config);
await forgetLastRun(config);
const pool = createPool(config.postgres, 2);
const workers = inProcessWorkers(config, pool, ['call-events']);
/** The standby's port: the test stack's control port is the first instance's. */
const STANDBY_PORT = config.http.port + 17;
const leaderBase = `http://${config.http.host}:${config.http.port}`;
const standbyBase = `http://${config.http.host}:${STANDBY_PORT}`;
const carol = demoAgent(credentials, '1003');
const bob = demoAgent(credentials, '1002');
const carolPhone = sippAgent(config, '1003', carol.sipPassword, 15811);
const bobPhone = sippAgent(config, '1002', bob.sipPassword, 15812);
const repoRoot = fileURLToPath(new URL('..', import.meta.url));
let first: ChildProcess | undefined;
let second: ChildProcess | undefined;

t.teardown(async () => {
  killAllSipp();
  first?.kill('SIGTERM');
  second?.kill('SIGTERM');
  await carolPhone.unregister();
  await bobPhone.unregister();
  await workers.close();
  await pool.end();
});

const api = async (base: string, method: string, path: string, token?: string, body?: unknown) => {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  }).catch(() => undefined);
  return { status: res?.status ?? 0, body: (await res?.json().catch(() => null)) as unknown };
};
interface Health { status: string; leader: { epoch: number; holder: string } | null }
const health = async (base: string) => {
  const { status, body } = await api(base, 'GET', '/healthz');
  return { code: status, ...(body as Health) };
};
const login = async (base: string, username: string, password: string) => ((await api(base, 'POST', '/auth/login', undefined, { username, password })).body as { token: string }).token;
interface CallView { id: string; state: string; customerNumber: string; agentId: string | null }
const calls = async (base: string, token: string) => (await api(base, 'GET', '/calls', token)).body as CallView[];

const stamp = String(Date.now()).slice(-5);
const talkingNumber = `55700${stamp}`;
const waitingNumbers = [1, 2, 3, 4, 5].map((i) => `5570${i}${stamp}`);
let leaderEpoch = 0;
let talkingCaller: ReturnType<ReturnType<typeof sippCaller>['call']>;
const waitingCallers: ReturnType<ReturnType<typeof sippCaller>['callUntilHangup']>[] = [];
let carolAnswers: ReturnType<typeof carolPhone.answer>;
let waitingCalls: CallView[] = [];

t.test('one instance leads, the second stands by and names it', async (t) => {
  first = startControlProcess();
  const leading = await waitFor('the first instance to lead', async () => {
    const h = await health(leaderBase);
    return h.code === 200 ? h : undefined;
  }, 60_000);
  leaderEpoch = leading.leader?.epoch ?? 0;
  t.match(leading.leader?.holder, new RegExp(`:${first.pid}:`), 'the first instance leads');
  second = startControlProcess(STANDBY_PORT);
  const standing = await waitFor('the second instance to stand by', async () => {
    const h = await health(standbyBase);
    return h.code === 503 ? h : undefined;
  }, 60_000);
  t.match(standing, { status: 'standby', leader: { epoch: leaderEpoch, holder: leading.leader?.holder } }, 'the standby says so, and who leads');
  t.equal((await api(standbyBase, 'GET', '/calls')).status, 503, 'it serves nothing else');
});

t.test('before the kill: a call talking, five callers waiting in line', async (t) => {
  const admin = await login(leaderBase, 'admin', credentials.admin.password);
  const { id: _id, ...general } = demoQueues.find((q) => q.id === 'general') ?? demoQueues[0]!;
  // A short wrap-up, so that Bob takes the callers one after another.
  t.equal((await api(leaderBase, 'PUT', '/queues/general', admin, { ...general, survey: { mode: 'off' }, wrapupSecs: 1 })).status, 200);
  t.equal((await carolPhone.register()).code, 0);
  carolAnswers = carolPhone.answer();
  t.equal((await api(leaderBase, 'POST', '/agents/1003/state', await login(leaderBase, '1003', carol.password), { state: 'ready' })).status, 200);
  // Talks for 25 s after the service answers, across the takeover, then hangs up itself.
  talkingCaller = sippCaller(config, talkingNumber).call('7000', 25_000);
  await waitFor('the call talking', async () => (await calls(leaderBase, admin)).find((c) => c.customerNumber === talkingNumber && c.state === 'talking'));
  // One after another, so that their order in line is the order they are started in.
  for (const number of waitingNumbers) {
    waitingCallers.push(sippCaller(config, number).callUntilHangup('7000'));
    await waitFor(`caller ${number} in line`, async () => (await calls(leaderBase, admin)).find((c) => c.customerNumber === number));
  }
  waitingCalls = await waitFor('all five waiting', async () => {
    const list = await calls(leaderBase, admin);
    const waiting = waitingNumbers.map((number) => list.find((c) => c.customerNumber === number && c.state === 'waiting'));
    return waiting.every((c) => c !== undefined) ? (waiting as CallView[]) : undefined;
  });
  t.equal(waitingCalls.length, 5, 'five callers wait, nobody is free');
});

t.test('the leader is SIGKILLed: the standby leads by itself and holds every call', async (t) => {
  first?.kill('SIGKILL');
  const killedAt = Date.now();
  const lead = await waitFor('the standby to lead', async () => {
    const h = await health(standbyBase);
    return h.code === 200 ? h : undefined;
  }, 30_000, 50);
  const tookMs = Date.now() - killedAt;
  t.comment(`the standby led ${tookMs} ms after the leader was killed`);
  t.match(lead.leader, { epoch: leaderEpoch + 1, holder: new RegExp(`:${second?.pid}:`) }, 'the second instance leads, under the next epoch');
  const admin = await login(standbyBase, 'admin', credentials.admin.password);
  const held = await waitFor('the calls taken up', async () => {
    const list = await calls(standbyBase, admin);
    return waitingCalls.every((w) => list.some((c) => c.id === w.id)) ? list : undefined;
  }, 20_000);
  t.match(held.find((c) => c.customerNumber === talkingNumber), { state: 'talking', agentId: '1003' }, 'the talking call goes on');
  t.same(waitingCalls.map((w) => held.find((c) => c.id === w.id)?.state), ['waiting', 'waiting', 'waiting', 'waiting', 'waiting'], 'every caller still waits');
});

t.test('after the takeover: callers served in their order, nobody offered twice, every call stored once', async (t) => {
  t.equal((await bobPhone.register()).code, 0);
  const bobAnswers = bobPhone.answerThenHangUp(1_000, waitingNumbers.length);
  t.equal((await api(standbyBase, 'POST', '/agents/1002/state', await login(standbyBase, '1002', bob.password), { state: 'ready' })).status, 200);
  for (const [i, caller] of waitingCallers.entries()) t.equal((await caller.done).code, 0, `waiting caller ${i + 1} answered and released`);
  t.equal((await bobAnswers.done).code, 0, 'Bob took all five');
  t.equal((await talkingCaller.done).code, 0, 'the talking caller finished the call and hung up');
  await carolAnswers.done;

  const numbers = [talkingNumber, ...waitingNumbers];
  const rows = await waitFor('every record', async () => {
    const { rows } = await pool.query<{ customer_number: string; outcome: string | null; agent_id: string | null }>(
      'SELECT customer_number, outcome, agent_id FROM calls WHERE customer_number = ANY($1) ORDER BY answered_at',
      [numbers],
    );
    return rows.length === numbers.length && rows.every((r) => r.outcome && r.agent_id) ? rows : undefined;
  }, 30_000);
  t.same(rows.map((r) => r.customer_number), numbers, 'one record per caller, answered in the order they arrived');
  t.same(rows.map((r) => [r.outcome, r.agent_id]), [['answered', '1003'], ...waitingNumbers.map(() => ['answered', '1002'])]);
  const { rows: offers } = await pool.query<{ customer_number: string; offers: number; ends: number }>(
    `SELECT c.customer_number, count(*) FILTER (WHERE e.type = 'call.offered')::int AS offers, count(*) FILTER (WHERE e.type = 'call.ended')::int AS ends
       FROM calls c JOIN call_events e ON e.call_id = c.id WHERE c.customer_number = ANY($1) GROUP BY c.customer_number ORDER BY c.customer_number`,
    [numbers],
  );
  t.same(offers.map((o) => [o.offers, o.ends]), numbers.map(() => [1, 1]), 'each caller offered once and ended once');
});

t.test('PostgreSQL restarts under the leader: nobody else waits, so it leads on, under the next epoch', async (t) => {
  const before = await health(standbyBase);
  spawnSync('runuser', ['-u', 'postgres', '--', 'pg_ctl', '-D', `${config.paths.state}/pg`, '-m', 'immediate', 'stop'], { encoding: 'utf8' });
  t.equal(spawnSync('bash', ['scripts/stack.sh', 'up', config.instance], { cwd: repoRoot, encoding: 'utf8' }).status, 0, 'PostgreSQL back');
  let last: unknown;
  const after = await waitFor('the lead taken again', async () => {
    const h = await health(standbyBase);
    last = h;
    return h.code === 200 && h.leader && before.leader && h.leader.epoch > before.leader.epoch ? h : undefined;
  }, 30_000).catch((error: Error) => {
    throw new Error(`${error.message}; last health: ${JSON.stringify(last)}`);
  });
  t.match(after.leader, { epoch: (before.leader?.epoch ?? 0) + 1, holder: before.leader?.holder }, 'the same instance, next epoch');
  t.equal(second?.exitCode, null, 'still running');
});
