import t from 'tap';
import { demoAgent, login, openTestStack } from './helpers/stack.js';
import { killAllSipp, sippAgent, sippCaller } from './helpers/sipp.js';
import { waitFor } from './helpers/wait.js';
import { inProcessWorkers } from './helpers/workers.js';
import { demoQueues } from '../services/control/src/demo/demo-config.js';

// Blocked callers on the real stack: a supervisor blocks a number (told, then released) and a
// prefix (rejected unanswered); neither reaches the Ready agent, each has one `blocked` record;
// a lapsed block lets the caller through again; every change is audited.
const { config, credentials, app, pool } = await openTestStack();
const workers = inProcessWorkers(config, pool, ['call-events']);
const bob = demoAgent(credentials, '1002');
const bobPhone = sippAgent(config, '1002', bob.sipPassword, 15831);
const stamp = String(Date.now()).slice(-6);
const toldNumber = `5572${stamp}`;
const prefix = `5573${stamp.slice(0, 3)}`;
const rejectedNumber = `${prefix}${stamp.slice(3)}`;
const lapsingNumber = `5574${stamp}`;
const created: string[] = [];
t.teardown(async () => {
  killAllSipp();
  for (const id of created) await app.inject({ method: 'DELETE', url: `/blocked-numbers/${id}`, headers: await as('supervisor') });
  await bobPhone.unregister();
  await workers.close();
  await pool.end();
  await app.close();
});

const tokens = new Map<string, string>();
async function as(who: 'supervisor' | 'admin' | '1002') {
  const password = who === '1002' ? bob.password : credentials[who].password;
  if (!tokens.has(who)) tokens.set(who, await login(app, who, password));
  return { authorization: `Bearer ${tokens.get(who)}` };
}
const block = async (body: Record<string, unknown>, who: 'supervisor' | '1002' = 'supervisor') => {
  const res = await app.inject({ method: 'POST', url: '/blocked-numbers', headers: await as(who), payload: body });
  if (res.statusCode === 201) created.push(res.json().id);
  return res;
};
const recordsOf = async (number: string) =>
  (await pool.query<{ id: string; outcome: string | null }>('SELECT id, outcome FROM calls WHERE customer_number = $1', [number])).rows;

t.test('blocks are validated, and only supervisors and administrators set them', async (t) => {
  const bad = await block({ pattern: '12ab', reason: 'x' });
  t.equal(bad.statusCode, 400);
  t.match(bad.json().message, /pattern/, 'the field is named');
  t.match((await block({ pattern: '123', reason: '' })).json().message, /reason/);
  t.match((await block({ pattern: '123', reason: 'x', action: 'hang-up' })).json().message, /action/);
  const past = await block({ pattern: '123', reason: 'x', expiresAt: new Date(Date.now() - 1000).toISOString() });
  t.equal(past.statusCode, 400);
  t.match(past.json().message, /expiresAt/);
  t.equal((await block({ pattern: '123', reason: 'x' }, '1002')).statusCode, 403, 'an agent may not');
  t.equal((await app.inject({ method: 'DELETE', url: '/blocked-numbers/not-a-uuid', headers: await as('supervisor') })).statusCode, 400);
});

t.test('a blocked number is told and released, a blocked prefix rejected; neither reaches the Ready agent', async (t) => {
  t.equal((await block({ pattern: toldNumber, reason: 'abusive calls' })).statusCode, 201);
  t.equal((await block({ pattern: `${prefix}*`, reason: 'fraud range', action: 'reject' })).statusCode, 201);
  t.equal((await bobPhone.register()).code, 0);
  const bobAnswers = bobPhone.answer();
  t.equal((await app.inject({ method: 'POST', url: '/agents/1002/state', headers: await as('1002'), payload: { state: 'ready' } })).statusCode, 200);

  const told = await sippCaller(config, toldNumber).callUntilHangup('7000').done;
  t.equal(told.code, 0, 'answered by the dialplan, told, and hung up on');
  t.equal((await sippCaller(config, rejectedNumber).rejected('7000').done).code, 0, 'rejected unanswered (403)');

  for (const number of [toldNumber, rejectedNumber]) {
    const rows = await waitFor(`the record of ${number}`, async () => {
      const rows = await recordsOf(number);
      return rows[0]?.outcome ? rows : undefined;
    });
    t.same(rows.map((r) => r.outcome), ['blocked'], `one blocked record for ${number}`);
    const { rows: offers } = await pool.query("SELECT 1 FROM call_events WHERE call_id = $1 AND type = 'call.offered'", [rows[0]!.id]);
    t.equal(offers.length, 0, 'never offered to an agent');
  }
  t.match((await app.inject({ method: 'GET', url: '/agents/1002', headers: await as('supervisor') })).json(), { state: 'ready' }, 'the agent was never rung');
  const { rows: audit } = await pool.query<{ action: string; actor: string }>('SELECT action, actor FROM audit_log WHERE subject = ANY($1) ORDER BY id', [[toldNumber, `${prefix}*`]]);
  t.same(audit, [{ action: 'caller.block', actor: 'supervisor' }, { action: 'caller.block', actor: 'supervisor' }], 'both blocks audited');
  bobAnswers.kill();
});

t.test('a block that lapses no longer applies; a lifted one is gone', async (t) => {
  // No survey after the call: the caller let through is released as soon as Bob hangs up.
  const { id: _id, ...general } = demoQueues.find((q) => q.id === 'general') ?? demoQueues[0]!;
  t.equal((await app.inject({ method: 'PUT', url: '/queues/general', headers: await as('admin'), payload: { ...general, survey: { mode: 'off' } } })).statusCode, 200);
  const res = await block({ pattern: lapsingNumber, reason: 'cool-off', action: 'reject', expiresAt: new Date(Date.now() + 1_500).toISOString() });
  t.equal(res.statusCode, 201);
  const listed = (await app.inject({ method: 'GET', url: '/blocked-numbers', headers: await as('supervisor') })).json() as { pattern: string; expiresAt: number | null }[];
  t.ok(listed.find((b) => b.pattern === lapsingNumber)?.expiresAt, 'listed with its expiry');
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  const bobAnswers = bobPhone.answerThenHangUp(1_000);
  t.equal((await sippCaller(config, lapsingNumber).callUntilHangup('7000').done).code, 0);
  t.equal((await bobAnswers.done).code, 0, 'the agent took the call');
  const rows = await waitFor('the record', async () => {
    const rows = await recordsOf(lapsingNumber);
    return rows[0]?.outcome ? rows : undefined;
  });
  t.same(rows.map((r) => r.outcome), ['answered'], 'answered, not blocked');

  const id = res.json().id as string;
  t.equal((await app.inject({ method: 'DELETE', url: `/blocked-numbers/${id}`, headers: await as('supervisor') })).statusCode, 204);
  t.equal((await app.inject({ method: 'DELETE', url: `/blocked-numbers/${id}`, headers: await as('supervisor') })).statusCode, 404, 'lifted once');
  const { rows: audit } = await pool.query('SELECT 1 FROM audit_log WHERE subject = $1 AND action = $2', [lapsingNumber, 'caller.unblock']);
  t.equal(audit.length, 1, 'the lift audited');
});
