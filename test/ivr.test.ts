import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import t from 'tap';
import type { IvrMenu } from '@hotline/contracts';
import { demoQueues } from '../services/control/src/demo/demo-config.js';
import { demoAgent, login, openTestStack } from './helpers/stack.js';
import { killAllSipp, sippAgent, sippCaller } from './helpers/sipp.js';
import { waitFor } from './helpers/wait.js';
import { inProcessWorkers } from './helpers/workers.js';

// An IVR menu on the real stack, walked by SIPp callers pressing keys (RFC 4733): a wrong key
// re-prompts, a key goes down a level, silence there takes the default into a queue where Bob
// answers; another caller hears the outage notice and is said goodbye. Each way is on the record.
const { config, credentials, app, pool } = await openTestStack();
const workers = inProcessWorkers(config, pool, ['call-events']);
const admin = { authorization: `Bearer ${await login(app, 'admin', credentials.admin.password)}` };
const supervisor = { authorization: `Bearer ${await login(app, 'supervisor', credentials.supervisor.password)}` };
const bob = demoAgent(credentials, '1002');
const bobAuth = { authorization: `Bearer ${await login(app, '1002', bob.password)}` };
const bobPhone = sippAgent(config, '1002', bob.sipPassword, 15891);
const run = String(Date.now()).slice(-5);
const menuId = `hotline-${run}`;
const [first, second, third] = [`556${run}1`, `556${run}2`, `556${run}3`];
// The order system a self-service node asks, on this machine: the caller's status by their number.
const asked: string[] = [];
const orders = createServer((request, response) => {
  const number = new URL(request.url ?? '/', 'http://x').searchParams.get('number') ?? '';
  asked.push(number);
  response.setHeader('content-type', 'application/json');
  response.end(JSON.stringify({ text: `Your order for ${number.slice(-4)} shipped today.` }));
});
await new Promise<void>((resolve) => orders.listen(0, '127.0.0.1', resolve));
const ordersUrl = `http://127.0.0.1:${(orders.address() as AddressInfo).port}/status`;
t.teardown(async () => {
  killAllSipp();
  await app.inject({ method: 'DELETE', url: `/ivr-menus/${menuId}`, headers: admin });
  await app.inject({ method: 'POST', url: '/agents/1002/state', headers: bobAuth, payload: { state: 'logged-out' } });
  await bobPhone.unregister();
  orders.close();
  await workers.close();
  await pool.end();
  await app.close();
});

const menu: IvrMenu = {
  name: 'Hotline', number: '7105', language: 'en', root: 'main',
  nodes: {
    main: { kind: 'menu', prompt: 'For billing press 1. For service news press 2.', options: { '1': 'billing', '2': 'outage', '3': 'order' }, timeoutSecs: 3, retries: 1, default: 'goodbye' },
    order: { kind: 'lookup', prompt: 'Your order status.', url: ordersUrl, fallback: 'Your order status cannot be found now.', next: null },
    billing: { kind: 'menu', prompt: 'For your invoice press 1.', options: { '1': 'to-general' }, timeoutSecs: 2, retries: 0, default: 'to-general' },
    outage: { kind: 'announcement', prompt: 'Service is down in the north district until six.', next: null },
    goodbye: { kind: 'announcement', prompt: 'Goodbye.', next: null },
    'to-general': { kind: 'queue', queueId: 'general' },
  },
};
const put = (body: unknown) => app.inject({ method: 'PUT', url: `/ivr-menus/${menuId}`, headers: admin, payload: body as object });
const record = (number: string) =>
  waitFor(`the record of ${number}`, async () => {
    const { rows } = await pool.query<{ outcome: string | null; menu_id: string; menu_exit: string; menu_path: { node: string; key?: string; retries?: number }[]; agent_id: string | null; queue_id: string | null }>(
      'SELECT outcome, menu_id, menu_exit, menu_path, agent_id, queue_id FROM calls WHERE customer_number = $1', [number]);
    return rows[0]?.outcome && rows[0].menu_path ? rows[0] : undefined;
  }, 30_000);

t.test('a menu is checked before it is in force: dangling branches, loops and a taken number are refused, naming the field', async (t) => {
  const dangling = await put({ ...menu, nodes: { ...menu.nodes, main: { ...menu.nodes.main, options: { '1': 'sales' } } } });
  t.match(dangling.json(), { statusCode: 400, message: /body\/nodes\/main\/options\/1: no node "sales"/ });
  const looped = await put({ ...menu, nodes: { ...menu.nodes, outage: { kind: 'announcement', prompt: 'x', next: 'main' } } });
  t.match(looped.json(), { statusCode: 400, message: /body\/nodes\/outage\/next: leads back to "main", a loop/ });
  t.match((await put({ ...menu, number: '7000' })).json(), { statusCode: 409, message: /body\/number: 7000 is already general's number/ });
  t.match((await put({ ...menu, nodes: { ...menu.nodes, main: { ...menu.nodes.main, options: { X: 'billing' } } } })).json(), { statusCode: 400, message: /options/ }, 'keys are 0–9, * and #');
  const saved = await put(menu);
  t.equal(saved.statusCode, 200, 'a good menu is saved, its prompts spoken');
  const listed = (await app.inject({ method: 'GET', url: '/ivr-menus', headers: supervisor })).json() as { id: string }[];
  t.ok(listed.some((m) => m.id === menuId));
});

t.test('a wrong key re-prompts, a key goes down a level, silence there takes the default into the queue; the way is on the record', async (t) => {
  // No survey after the call: the caller is released as soon as Bob hangs up.
  const { id: _id, ...general } = demoQueues.find((q) => q.id === 'general') ?? demoQueues[0]!;
  t.equal((await app.inject({ method: 'PUT', url: '/queues/general', headers: admin, payload: { ...general, survey: { mode: 'off' } } })).statusCode, 200);
  t.equal((await bobPhone.register()).code, 0);
  t.equal((await app.inject({ method: 'POST', url: '/agents/1002/state', headers: bobAuth, payload: { state: 'ready' } })).statusCode, 200);
  const bobAnswers = bobPhone.answerThenHangUp(2_000);
  const caller = sippCaller(config, first).pressKeys('7105', 1_500, [['9', 1_500], ['1', 500]]);
  t.equal((await caller.done).code, 0, 'the caller walked the menu, was answered and released');
  t.equal((await bobAnswers.done).code, 0, 'Bob took the call');
  const row = await record(first);
  t.match(row, { outcome: 'answered', agent_id: '1002', queue_id: 'general', menu_id: menuId, menu_exit: 'queue' });
  t.same(row.menu_path.map(({ node, key, retries }) => ({ node, key, retries })), [
    { node: 'main', key: '1', retries: 1 },
    { node: 'billing', key: 'timeout', retries: 1 },
    { node: 'to-general', key: undefined, retries: undefined },
  ], 'main: one wrong key, then 1; billing: silence, the default');
});

t.test('the outage notice, then goodbye: served in the menu, recorded as such; the report counts each node', async (t) => {
  const from = new Date(Date.now() - 600_000).toISOString();
  const caller = await sippCaller(config, second).pressKeys('7105', 1_000, [['2', 500]]).done;
  t.equal(caller.code, 0, 'heard the notice and was hung up on', { output: caller.output });
  const row = await record(second);
  t.match(row, { outcome: 'ivr', menu_exit: 'completed', queue_id: null });
  t.same(row.menu_path.map((s) => [s.node, s.key]), [['main', '2'], ['outage', undefined]]);
  const report = (await app.inject({ method: 'GET', url: `/reports/ivr?from=${from}&to=${new Date(Date.now() + 60_000).toISOString()}`, headers: supervisor })).json() as { menuId: string; node: string; reached: number; hungUp: number; toQueue: number; completed: number }[];
  const mine = Object.fromEntries(report.filter((r) => r.menuId === menuId).map((r) => [r.node, r]));
  t.match(mine, { main: { reached: 2 }, billing: { reached: 1 }, 'to-general': { toQueue: 1 }, outage: { completed: 1 } });
});

t.test('self-service: the order system is asked for the caller\'s number, and its answer spoken', async (t) => {
  const caller = sippCaller(config, third).pressKeys('7105', 1_000, [['3', 500]]);
  t.equal((await caller.done).code, 0, 'heard the answer and was hung up on');
  t.same(asked, [third], 'asked once, for this caller');
  const row = await record(third);
  t.match(row, { outcome: 'ivr', menu_exit: 'completed' });
  t.same(row.menu_path.map((s) => [s.node, s.key]), [['main', '3'], ['order', undefined]]);
});
