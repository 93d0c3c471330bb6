import t from 'tap';
import type { AddressInfo } from 'node:net';
import type { LiveMessage, LiveSnapshot } from '@hotline/contracts';
import { createUserRepository } from '@hotline/db';
import { hashPassword } from '../services/control/src/features/auth/password.js';
import { demoAgent, login, openTestStack } from './helpers/stack.js';
import { killAllSipp, sippAgent, sippCaller } from './helpers/sipp.js';
import { streamClient } from './helpers/stream-client.js';
import { waitFor } from './helpers/wait.js';

// The live stream on the real stack: authentication, a snapshot scoped by role, and a SIPp call
// answered by a front-line agent that another team's agent and supervisor never see.
const { config, credentials, app, pool } = await openTestStack();
await app.listen({ port: 0, host: '127.0.0.1' });
const url = `ws://127.0.0.1:${(app.server.address() as AddressInfo).port}/stream`;
const admin = { authorization: `Bearer ${await login(app, 'admin', credentials.admin.password)}` };
const alice = demoAgent(credentials, '1001');
const phone = sippAgent(config, '1001', alice.sipPassword, 15701);
t.teardown(async () => {
  killAllSipp();
  await phone.unregister();
  await pool.end();
  await app.close();
});

type Client = Awaited<ReturnType<typeof streamClient>>;
let clients: Record<'admin' | 'frontSupervisor' | 'backSupervisor' | 'alice' | 'backAgent', Client>;

// A second team with its own agent and supervisor.
const backPassword = 'back-office-password-1';
t.before(async () => {
  const team = await app.inject({ method: 'PUT', url: '/teams/back-office', headers: admin, payload: { name: 'Back office' } });
  const agent = await app.inject({ method: 'PUT', url: '/agents/2001', headers: admin, payload: { name: 'Back Agent', teamId: 'back-office', skills: [{ skillId: 'general', level: 5 }] } });
  if (team.statusCode !== 200 || agent.statusCode !== 200) throw new Error(`second team: ${team.body} ${agent.body}`);
  const users = createUserRepository(pool);
  await users.upsert({ username: 'sup-back', passwordHash: await hashPassword(backPassword), role: 'supervisor', agentId: null, teamId: 'back-office' });
  await users.upsert({ username: '2001', passwordHash: await hashPassword(backPassword), role: 'agent', agentId: '2001', teamId: 'back-office' });
  clients = {
    admin: await streamClient(url, admin.authorization.slice(7)),
    frontSupervisor: await streamClient(url, await login(app, 'supervisor', credentials.supervisor.password)),
    backSupervisor: await streamClient(url, await login(app, 'sup-back', backPassword)),
    alice: await streamClient(url, await login(app, '1001', alice.password)),
    backAgent: await streamClient(url, await login(app, '2001', backPassword)),
  };
});
t.teardown(() => Object.values(clients).forEach((c) => c.close()));
const isSnapshot = (m: LiveMessage): m is LiveSnapshot => m.type === 'snapshot';

t.test('a client that does not authenticate properly is refused and told why', async (t) => {
  const bad = await streamClient(url, 'not-a-token');
  const closed = await waitFor('the refusal', () => bad.closed());
  t.equal(closed.code, 4401);
  t.match(bad.messages[0], { type: 'error' });
  t.notOk(bad.messages.some(isSnapshot), 'no snapshot without authentication');
});

t.test('each snapshot holds only what the role may see', async (t) => {
  const ids = async (client: Client) => (await client.next('a snapshot', isSnapshot)).agents.map((a) => a.id).sort();
  t.same(await ids(clients.alice), ['1001'], 'an agent sees themselves');
  t.same(await ids(clients.backAgent), ['2001']);
  t.same(await ids(clients.backSupervisor), ['2001'], 'a supervisor sees their own team');
  const front = await ids(clients.frontSupervisor);
  t.ok(['1001', '1002', '1003', '1004'].every((id) => front.includes(id)) && !front.includes('2001'), 'the front-line supervisor sees front line only');
  t.ok((await ids(clients.admin)).includes('2001'), 'an admin sees everyone');
  const snapshot = await clients.alice.next('a snapshot', isSnapshot);
  t.ok(['billing', 'general'].every((id) => snapshot.queues.some((q) => q.id === id)), 'queue figures go to every role');
});

t.test("a call answered by a front-line agent never reaches the other team's agent or supervisor", async (t) => {
  t.equal((await phone.register()).code, 0);
  const answering = phone.answer();
  const aliceAuth = { authorization: `Bearer ${await login(app, '1001', alice.password)}` };
  t.equal((await app.inject({ method: 'POST', url: '/agents/1001/state', headers: aliceAuth, payload: { state: 'ready' } })).statusCode, 200);
  const customerNumber = `5556${String(Date.now()).slice(-6)}`;
  const caller = sippCaller(config, customerNumber).callUntilHangup('7000');
  const answered = await clients.admin.next('the answer', (m): m is Extract<LiveMessage, { type: 'call' }> =>
    m.type === 'call' && m.change === 'answered' && m.call.customerNumber === customerNumber);
  const callId = answered.call.id;
  t.equal(answered.call.agentId, '1001');
  // The routes keep the same team scope as the stream.
  const backAuth = { authorization: `Bearer ${await login(app, 'sup-back', backPassword)}` };
  const frontAuth = { authorization: `Bearer ${await login(app, 'supervisor', credentials.supervisor.password)}` };
  const listed = async (headers: Record<string, string>) => ((await app.inject({ method: 'GET', url: '/calls', headers })).json() as { id: string }[]).some((c) => c.id === callId);
  t.equal(await listed(frontAuth), true, 'the front-line supervisor lists the call');
  t.equal(await listed(backAuth), false, "the other team's supervisor does not");
  t.equal((await app.inject({ method: 'GET', url: `/calls/${callId}`, headers: backAuth })).statusCode, 404);
  for (const [path, payload] of [['hold', { held: true }], ['mute', { muted: true }], ['transfer', { queueId: 'billing' }]] as const) {
    const res = await app.inject({ method: 'POST', url: `/calls/${callId}/${path}`, headers: backAuth, payload });
    t.equal(res.statusCode, 404, `POST /calls/{id}/${path} by another team's supervisor → 404`);
  }
  t.equal((await app.inject({ method: 'POST', url: `/calls/${callId}/hangup`, headers: backAuth })).statusCode, 404);
  t.equal((await app.inject({ method: 'GET', url: `/calls/${callId}/context`, headers: backAuth })).statusCode, 404);
  t.equal((await app.inject({ method: 'DELETE', url: `/calls/${callId}`, headers: admin })).statusCode, 200);
  await caller.done;
  await answering.done;
  const aboutCall = (m: LiveMessage) => (m.type === 'call' && m.call.id === callId) || (m.type === 'call-hidden' && m.callId === callId);
  for (const client of [clients.admin, clients.frontSupervisor, clients.alice]) {
    await client.next('the end of the call', (m): m is LiveMessage => m.type === 'call' && m.call.id === callId && m.change === 'ended');
  }
  t.same(
    clients.alice.messages.filter(aboutCall).map((m) => (m.type === 'call' ? m.change : m.type)),
    ['offered', 'answered', 'ended'],
    'the agent sees the call from the moment it is offered to them',
  );
  t.same(clients.backAgent.messages.filter(aboutCall), [], "another team's agent sees nothing of it");
  const back = clients.backSupervisor.messages.filter(aboutCall);
  t.notOk(back.some((m) => m.type === 'call' && m.call.agentId !== null), "the other team's supervisor never sees it with its agent");
  t.equal(back.at(-1)?.type, 'call-hidden', 'and is told it left their view');
  t.notOk(clients.backSupervisor.messages.some((m) => m.type === 'agent' && m.agent.id === '1001'), 'nor any front-line agent state');
  const figures = await clients.admin.next('queue figures counting the call', (m): m is Extract<LiveMessage, { type: 'queue' }> =>
    m.type === 'queue' && m.queue.id === 'general' && m.queue.today.answered >= 1 && m.queue.waiting === 0);
  t.ok(figures.queue.today.offered >= 1);
});

t.test('a blind transfer ends the agent call and puts the caller in the target queue as a new call', async (t) => {
  const answering = phone.answer();
  const aliceAuth = { authorization: `Bearer ${await login(app, '1001', alice.password)}` };
  await waitFor('1001 ready again', async () => {
    const res = await app.inject({ method: 'POST', url: '/agents/1001/state', headers: aliceAuth, payload: { state: 'ready' } });
    return res.statusCode === 200 && (res.json() as { state: string }).state === 'ready' ? true : undefined;
  });
  const customerNumber = `5557${String(Date.now()).slice(-6)}`;
  const caller = sippCaller(config, customerNumber).callUntilHangup('7000');
  const answered = await clients.alice.next('the answer', (m): m is Extract<LiveMessage, { type: 'call' }> =>
    m.type === 'call' && m.change === 'answered' && m.call.customerNumber === customerNumber);
  const bad = await app.inject({ method: 'POST', url: `/calls/${answered.call.id}/transfer`, headers: aliceAuth, payload: { queueId: 'no-such-queue' } });
  t.equal(bad.statusCode, 400, 'an unknown queue is refused');
  const res = await app.inject({ method: 'POST', url: `/calls/${answered.call.id}/transfer`, headers: aliceAuth, payload: { queueId: 'billing' } });
  t.equal(res.statusCode, 200, res.body);
  const moved = await clients.admin.next('the caller in billing', (m): m is Extract<LiveMessage, { type: 'call' }> =>
    m.type === 'call' && m.change === 'enqueued' && m.call.customerNumber === customerNumber && m.call.queueId === 'billing');
  t.not(moved.call.id, answered.call.id, 'a new call in the target queue');
  const ended = await clients.alice.next('the agent call ended', (m): m is Extract<LiveMessage, { type: 'call' }> =>
    m.type === 'call' && m.change === 'ended' && m.call.id === answered.call.id);
  t.equal(ended.call.outcome, 'answered');
  await answering.done;
  t.equal((await app.inject({ method: 'DELETE', url: `/calls/${moved.call.id}`, headers: admin })).statusCode, 200);
  t.equal((await caller.done).code, 0, 'the caller stayed on the line until ended');
  await app.inject({ method: 'POST', url: '/agents/1001/state', headers: aliceAuth, payload: { state: 'logged-out' } });
});

t.test('a blind transfer to an agent rings that agent at once; an agent who is not ready is refused', async (t) => {
  const bob = demoAgent(credentials, '1002');
  const bobPhone = sippAgent(config, '1002', bob.sipPassword, 15702);
  t.teardown(() => bobPhone.unregister());
  t.equal((await bobPhone.register()).code, 0);
  const aliceAnswers = phone.answer();
  const bobAnswers = bobPhone.answer();
  const aliceAuth = { authorization: `Bearer ${await login(app, '1001', alice.password)}` };
  const bobAuth = { authorization: `Bearer ${await login(app, '1002', bob.password)}` };
  t.equal((await app.inject({ method: 'POST', url: '/agents/1001/state', headers: aliceAuth, payload: { state: 'ready' } })).statusCode, 200);
  const customerNumber = `5555${String(Date.now()).slice(-6)}`;
  const caller = sippCaller(config, customerNumber).callUntilHangup('7000');
  const answered = await clients.alice.next('the answer', (m): m is Extract<LiveMessage, { type: 'call' }> =>
    m.type === 'call' && m.change === 'answered' && m.call.customerNumber === customerNumber);
  const notReady = await app.inject({ method: 'POST', url: `/calls/${answered.call.id}/transfer`, headers: aliceAuth, payload: { agentId: '1002' } });
  t.equal(notReady.statusCode, 409, 'an agent who is not ready is refused');
  t.match(notReady.json(), { message: /body\/agentId: agent 1002 is not ready/ });
  t.equal((await app.inject({ method: 'POST', url: '/agents/1002/state', headers: bobAuth, payload: { state: 'ready' } })).statusCode, 200);
  const ready = (await app.inject({ method: 'GET', url: '/agents/ready', headers: aliceAuth })).json() as { id: string }[];
  t.ok(ready.some((a) => a.id === '1002'), '1002 is offered as a transfer target');
  const res = await app.inject({ method: 'POST', url: `/calls/${answered.call.id}/transfer`, headers: aliceAuth, payload: { agentId: '1002' } });
  t.equal(res.statusCode, 200, res.body);
  const withBob = await clients.admin.next('the caller answered by 1002', (m): m is Extract<LiveMessage, { type: 'call' }> =>
    m.type === 'call' && m.change === 'answered' && m.call.customerNumber === customerNumber && m.call.agentId === '1002');
  t.not(withBob.call.id, answered.call.id, 'a new call with the agent transferred to');
  await aliceAnswers.done;
  t.equal((await app.inject({ method: 'DELETE', url: `/calls/${withBob.call.id}`, headers: admin })).statusCode, 200);
  t.equal((await caller.done).code, 0);
  await bobAnswers.done;
  for (const [id, auth] of [['1001', aliceAuth], ['1002', bobAuth]] as const) {
    await app.inject({ method: 'POST', url: `/agents/${id}/state`, headers: auth, payload: { state: 'logged-out' } });
  }
});

t.test("routes about an agent keep a supervisor to their own team", async (t) => {
  const backAuth = { authorization: `Bearer ${await login(app, 'sup-back', backPassword)}` };
  const frontAuth = { authorization: `Bearer ${await login(app, 'supervisor', credentials.supervisor.password)}` };
  const status = async (method: 'GET' | 'POST', url: string, headers: Record<string, string>, payload?: object) =>
    (await app.inject({ method, url, headers, ...(payload ? { payload } : {}) })).statusCode;
  const listedIds = ((await app.inject({ method: 'GET', url: '/agents', headers: backAuth })).json() as { id: string }[]).map((a) => a.id);
  t.same(listedIds, ['2001'], 'GET /agents lists only their team');
  t.equal(await status('GET', '/agents/1001', backAuth), 403);
  t.equal(await status('POST', '/agents/1001/state', backAuth, { state: 'not-ready', reason: 'break' }), 403, "another team's agent's state is refused as forbidden, not a conflict");
  t.equal(await status('POST', '/agents/1001/wrap-up', backAuth, { extendSecs: 30 }), 403);
  t.equal(await status('GET', '/agents/1001/calls', backAuth), 403);
  t.equal(await status('GET', '/agents/1001/survey-scores', backAuth), 403);
  t.equal(await status('GET', '/agents/2001', frontAuth), 403, 'and the other way round');
  t.equal(await status('GET', '/agents/2001/calls', backAuth), 200, 'their own agent is fine');
  const day = `from=${encodeURIComponent(new Date(Date.now() - 86_400_000).toISOString())}&to=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`;
  const kpi = (query: string) => app.inject({ method: 'GET', url: `/reports/kpi?${day}&${query}`, headers: backAuth });
  const other = await kpi('groupBy=agent&agentId=1001');
  t.equal(other.statusCode, 403);
  t.match(other.json().message, /agentId/, 'names the field');
  const perAgent = await kpi('groupBy=agent');
  t.equal(perAgent.statusCode, 200);
  const groups = (perAgent.json() as { rows: { group: string | null }[] }).rows.map((r) => r.group);
  t.ok(groups.every((g) => g === null || g === '2001'), "per-agent rows leave out the other team's agents");
  const adminGroups = ((await app.inject({ method: 'GET', url: `/reports/kpi?${day}&groupBy=agent`, headers: admin })).json() as { rows: { group: string | null }[] }).rows.map((r) => r.group);
  t.ok(adminGroups.some((g) => g !== null && g.startsWith('100')), 'while an admin sees the front-line agents too');
});

t.test('streams per user are capped', async (t) => {
  await createUserRepository(pool).upsert({ username: 'sup-screens', passwordHash: await hashPassword(backPassword), role: 'supervisor', agentId: null, teamId: 'back-office' });
  const token = await login(app, 'sup-screens', backPassword);
  const open = [];
  for (let i = 0; i < 10; i++) {
    const client = await streamClient(url, token);
    await client.next('a snapshot', isSnapshot);
    open.push(client);
  }
  const extra = await streamClient(url, token);
  const closed = await waitFor('the refusal', () => extra.closed());
  t.equal(closed.code, 4429, 'the eleventh stream of one user is closed');
  t.match(extra.messages[0], { type: 'error', message: /too many streams/ });
  open.pop()?.close();
  await waitFor('room again', async () => {
    const again = await streamClient(url, token);
    const first = await waitFor('a first message', () => again.messages[0]);
    again.close();
    return first.type === 'snapshot' ? true : undefined;
  });
  t.pass('after one closes, a new stream is accepted');
  for (const client of open) client.close();
});

t.test('logout ends the session for the API and the stream', async (t) => {
  const token = await login(app, '2001', backPassword);
  const auth = { authorization: `Bearer ${token}` };
  t.equal((await app.inject({ method: 'GET', url: '/agents/2001', headers: auth })).statusCode, 200);
  const out = await app.inject({ method: 'POST', url: '/auth/logout', headers: auth });
  t.equal(out.statusCode, 204);
  t.equal((await app.inject({ method: 'GET', url: '/agents/2001', headers: auth })).statusCode, 401, 'the token is refused at once');
  const refused = await streamClient(url, token);
  t.equal((await waitFor('the refusal', () => refused.closed())).code, 4401, 'and by the stream');
  t.equal((await app.inject({ method: 'GET', url: '/agents/2001', headers: { authorization: `Bearer ${await login(app, '2001', backPassword)}` } })).statusCode, 200, 'a new login works');
  const stored = await app.repos.revokedSessions.active();
  t.equal(stored.size >= 1, true, 'the revocation is stored, so a restarted service refuses it too');
});
