import type { AddressInfo } from 'node:net';
import t from 'tap';
import type { LiveAlert, LiveMessage } from '@hotline/contracts';
import type { VoicemailDetail, VoicemailMessage } from '@hotline/contracts/api/voicemails';
import { demoQueues } from '../services/control/src/demo/demo-config.js';
import { demoAgent, login, openTestStack } from './helpers/stack.js';
import { killAllSipp, sippCaller } from './helpers/sipp.js';
import { launchBrowser, screenshot, signInPage } from './helpers/browser.js';
import { streamClient } from './helpers/stream-client.js';
import { waitFor } from './helpers/wait.js';
import { inProcessWorkers } from './helpers/workers.js';

// A queue's voicemail box on the real stack: a SIPp caller overflows to voicemail, speaks and
// hangs up; the message is filed once, raises a live alert for supervisors, is listed, played
// (whole and by range), assigned to an agent (the alert goes), called back by that agent and
// closed by the supervisor, with every step in its history and the audit log; then the same
// cycle once more through the console in Chromium.
const { config, credentials, app, pool } = await openTestStack();
const workers = inProcessWorkers(config, pool, ['call-events', 'voicemails']);
await app.listen({ port: 0, host: '127.0.0.1' });
const admin = { authorization: `Bearer ${await login(app, 'admin', credentials.admin.password)}` };
const supervisorToken = await login(app, 'supervisor', credentials.supervisor.password);
const supervisor = { authorization: `Bearer ${supervisorToken}` };
const alice = { authorization: `Bearer ${await login(app, '1001', demoAgent(credentials, '1001').password)}` };
const bob = { authorization: `Bearer ${await login(app, '1002', demoAgent(credentials, '1002').password)}` };
const browser = await launchBrowser();
const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/ui/`;
const stream = await streamClient(`ws://127.0.0.1:${(app.server.address() as AddressInfo).port}/stream`, supervisorToken);
t.teardown(async () => {
  killAllSipp();
  stream.close();
  await browser.close();
  await workers.close();
  await pool.end();
  await app.close();
});

// Fresh numbers each run, so the file also passes against a stack that has seen it before.
const run = String(Date.now()).slice(-5);
const customerNumber = `77${run}`;
const otherTeamAgent = `3${run}`;
const { id: _id, ...general } = demoQueues.find((q) => q.id === 'general') ?? demoQueues[0]!;
let message: VoicemailMessage;

t.test('a caller nobody can take leaves a message: filed once in the queue box, and supervisors are alerted', async (t) => {
  // Nobody has the skill at that level, so the caller waits out the max wait and goes to voicemail.
  const queue = { ...general, name: 'Out of hours', number: '7012', skills: [{ skillId: 'vip', minLevel: 10 }], maxWaitSecs: 10, overflow: { kind: 'voicemail' } };
  t.equal((await app.inject({ method: 'PUT', url: '/queues/out-of-hours', headers: admin, payload: queue })).statusCode, 200);
  const caller = await sippCaller(config, customerNumber).leaveMessage('7012', 17_000).done;
  t.equal(caller.code, 0, 'the caller waited, spoke and hung up', { output: caller.output });

  message = await waitFor('the message in the box', async () => {
    const listed = (await app.inject({ method: 'GET', url: '/voicemails?queueId=out-of-hours&status=new', headers: supervisor })).json() as VoicemailMessage[];
    return listed.find((m) => m.customerNumber === customerNumber);
  });
  t.match(message, { queueId: 'out-of-hours', status: 'new', assigneeId: null, audio: 'stored', heardAt: null });
  // SIPp's sample is about 7 s of speech after the beep.
  t.ok(message.secs > 4 && message.secs < 20, `it holds the message (${message.secs} s)`);
  const { rows: calls } = await pool.query<{ outcome: string }>('SELECT outcome FROM calls WHERE id = $1', [message.id]);
  t.same(calls, [{ outcome: 'voicemail' }], "the message's id is its call's, recorded as a voicemail");
  const { rows: filed } = await pool.query('SELECT 1 FROM voicemail_messages WHERE customer_number = $1', [customerNumber]);
  t.equal(filed.length, 1, 'filed once');

  const alert = await stream.next('the voicemail alert', (m: LiveMessage): m is { type: 'alert'; alert: LiveAlert } => m.type === 'alert' && m.alert.key === `voicemail:${message.id}`);
  t.match(alert.alert, { kind: 'voicemail', queueId: 'out-of-hours', callId: message.id, message: new RegExp(`Out of hours: new voicemail from ${customerNumber}`) });
});

t.test('bad changes are refused naming the field; an agent sees only what is assigned to them', async (t) => {
  const patch = (headers: Record<string, string>, payload: unknown, id = message.id) => app.inject({ method: 'PATCH', url: `/voicemails/${id}`, headers, payload: payload as object });
  t.match((await patch(supervisor, { status: 'lost' })).json(), { statusCode: 400, message: /status/ });
  t.match((await patch(supervisor, {})).json(), { statusCode: 400 }, 'an empty change');
  t.match((await patch(supervisor, { assigneeId: '9999' })).json(), { statusCode: 400, message: /assigneeId: no agent 9999/ });
  t.match((await patch(supervisor, { status: 'assigned' })).json(), { statusCode: 409, message: /assigneeId/ }, 'assigned to nobody');
  t.equal((await app.inject({ method: 'GET', url: '/voicemails?limit=0', headers: supervisor })).statusCode, 400);

  t.equal((await app.inject({ method: 'PUT', url: '/teams/call-backs', headers: admin, payload: { name: 'Call-backs' } })).statusCode, 200);
  const other = { name: 'Call-back Agent', teamId: 'call-backs', skills: [{ skillId: 'general', level: 5 }] };
  t.equal((await app.inject({ method: 'PUT', url: `/agents/${otherTeamAgent}`, headers: admin, payload: other })).statusCode, 200);
  t.match((await patch(supervisor, { assigneeId: otherTeamAgent })).json(), { statusCode: 403, message: /outside your team/ }, 'a supervisor assigns within their team');

  const mine = (await app.inject({ method: 'GET', url: '/voicemails', headers: alice })).json() as VoicemailMessage[];
  t.notOk(mine.some((m) => m.id === message.id), 'not yet assigned to Alice: not on her list');
  t.equal((await app.inject({ method: 'GET', url: `/voicemails/${message.id}`, headers: alice })).statusCode, 404);
  t.equal((await app.inject({ method: 'GET', url: `/voicemails/${message.id}/audio`, headers: alice })).statusCode, 404);
  t.equal((await patch(alice, { status: 'closed' })).statusCode, 404);
});

t.test('played whole and by range; the first play marks it heard, every play is audited', async (t) => {
  const whole = await app.inject({ method: 'GET', url: `/voicemails/${message.id}/audio`, headers: supervisor });
  t.equal(whole.statusCode, 200);
  t.equal(whole.headers['content-type'], 'audio/wav');
  t.equal(whole.rawPayload.subarray(0, 4).toString('ascii'), 'RIFF');
  t.equal(whole.rawPayload.length, message.bytes, 'the whole file');
  const part = await app.inject({ method: 'GET', url: `/voicemails/${message.id}/audio`, headers: { ...supervisor, range: 'bytes=100-199' } });
  t.equal(part.statusCode, 206);
  t.equal(part.headers['content-range'], `bytes 100-199/${message.bytes}`);
  t.same(part.rawPayload, whole.rawPayload.subarray(100, 200), 'the bytes asked for');
  const download = await app.inject({ method: 'GET', url: `/voicemails/${message.id}/audio?download=true`, headers: admin });
  t.match(download.headers['content-disposition'], /attachment; filename="voicemail-/);

  const detail = (await app.inject({ method: 'GET', url: `/voicemails/${message.id}`, headers: supervisor })).json() as VoicemailDetail;
  t.equal(detail.heardBy, 'supervisor', 'heard by the first who played it');
  t.same(detail.history.map((h) => [h.action, h.actor]), [['left', 'caller'], ['heard', 'supervisor']], 'heard once, however often played');
  const { rows } = await pool.query<{ action: string; actor: string }>('SELECT action, actor FROM audit_log WHERE subject = $1 ORDER BY id', [message.id]);
  t.same(rows, [
    { action: 'voicemail.play', actor: 'supervisor' }, { action: 'voicemail.play', actor: 'supervisor' }, { action: 'voicemail.download', actor: 'admin' },
  ]);
});

t.test('assigned to an agent (the alert goes), called back by them, closed by the supervisor', async (t) => {
  const assigned = await app.inject({ method: 'PATCH', url: `/voicemails/${message.id}`, headers: supervisor, payload: { assigneeId: '1001', note: 'customer sounded upset' } });
  t.equal(assigned.statusCode, 200);
  t.match(assigned.json(), { status: 'assigned', assigneeId: '1001', note: 'customer sounded upset', updatedBy: 'supervisor' });
  await stream.next('the alert taken down', (m: LiveMessage): m is { type: 'alert-cleared'; key: string } => m.type === 'alert-cleared' && m.key === `voicemail:${message.id}`);

  t.ok(((await app.inject({ method: 'GET', url: '/voicemails', headers: alice })).json() as VoicemailMessage[]).some((m) => m.id === message.id), "on Alice's list now");
  t.notOk(((await app.inject({ method: 'GET', url: '/voicemails', headers: bob })).json() as VoicemailMessage[]).some((m) => m.id === message.id), "not on Bob's");
  t.equal((await app.inject({ method: 'GET', url: `/voicemails/${message.id}/audio`, headers: alice })).statusCode, 200, 'Alice can play it');
  const reassign = await app.inject({ method: 'PATCH', url: `/voicemails/${message.id}`, headers: alice, payload: { assigneeId: '1002' } });
  t.match(reassign.json(), { statusCode: 403, message: /supervisor/ }, 'an agent does not reassign');
  const calledBack = await app.inject({ method: 'PATCH', url: `/voicemails/${message.id}`, headers: alice, payload: { status: 'called-back', note: 'refund explained' } });
  t.match(calledBack.json(), { status: 'called-back', assigneeId: '1001', note: 'refund explained', updatedBy: '1001' });
  t.match((await app.inject({ method: 'PATCH', url: `/voicemails/${message.id}`, headers: supervisor, payload: { status: 'closed' } })).json(), { status: 'closed' });

  const detail = (await app.inject({ method: 'GET', url: `/voicemails/${message.id}`, headers: supervisor })).json() as VoicemailDetail;
  t.same(detail.history.map((h) => [h.action, h.actor, h.status, h.assigneeId]), [
    ['left', 'caller', 'new', null],
    ['heard', 'supervisor', 'new', null],
    ['changed', 'supervisor', 'assigned', '1001'],
    ['changed', '1001', 'called-back', '1001'],
    ['changed', 'supervisor', 'closed', '1001'],
  ]);
  const closed = (await app.inject({ method: 'GET', url: '/voicemails?status=closed&queueId=out-of-hours', headers: supervisor })).json() as VoicemailMessage[];
  t.ok(closed.some((m) => m.id === message.id), 'listed among the closed');
  const { rows } = await pool.query("SELECT 1 FROM audit_log WHERE subject = $1 AND action = 'voicemail.change'", [message.id]);
  t.equal(rows.length, 3, 'every change audited');
});

t.test('the console: a supervisor reopens, plays and assigns the message; the agent finds it on their list and marks it called back', async (t) => {
  const row = `[data-testid=voicemails] tr:has-text("${customerNumber}")`;
  const boss = await signInPage(browser, base, 'supervisor', credentials.supervisor.password);
  await boss.goto(`${base}#/voicemail`);
  await boss.selectOption('select[aria-label=Status]', '');
  await boss.click(`${row} button:has-text("Reopen")`);
  await boss.selectOption('select[aria-label=Status]', 'new');
  await boss.click(`${row} button:has-text("Play")`);
  t.match(await boss.getAttribute('[data-testid=voicemail-player]', 'src'), /^blob:/, 'the message plays in the page');
  boss.once('dialog', (dialog) => void dialog.accept('1001'));
  await screenshot(boss, 'voicemail-supervisor');
  await boss.click(`${row} button:has-text("Assign")`);
  await boss.waitForSelector(row, { state: 'detached' });
  await boss.context().close();

  const page = await signInPage(browser, base, '1001', demoAgent(credentials, '1001').password);
  await page.goto(`${base}#/voicemail`);
  await page.waitForSelector(row);
  t.match(await page.textContent(row), /Assigned/, "on Alice's list of assigned messages");
  page.once('dialog', (dialog) => void dialog.accept('called back, all sorted'));
  await screenshot(page, 'voicemail-agent');
  await page.click(`${row} button:has-text("Called back")`);
  await page.waitForSelector(row, { state: 'detached' });
  await page.context().close();
  const detail = (await app.inject({ method: 'GET', url: `/voicemails/${message.id}`, headers: supervisor })).json() as VoicemailDetail;
  t.match(detail, { status: 'called-back', assigneeId: '1001', note: 'called back, all sorted', updatedBy: '1001' });
  t.same(detail.history.slice(-3).map((h) => [h.actor, h.status]), [['supervisor', 'new'], ['supervisor', 'assigned'], ['1001', 'called-back']]);
});
