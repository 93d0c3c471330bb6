import { existsSync, statSync } from 'node:fs';
import t from 'tap';
import { demoQueues } from '../services/control/src/demo/demo-config.js';
import { login, openTestStack } from './helpers/stack.js';
import { killAllSipp, sippAgent, sippCaller } from './helpers/sipp.js';
import { waitFor } from './helpers/wait.js';

// Administration on the real stack: what an admin saves is live in Asterisk and in routing at once.
const { config, credentials, app, pool } = await openTestStack();
const admin = { authorization: `Bearer ${await login(app, 'admin', credentials.admin.password)}` };
const supervisor = { authorization: `Bearer ${await login(app, 'supervisor', credentials.supervisor.password)}` };
let newPhone: ReturnType<typeof sippAgent> | undefined;
t.teardown(async () => {
  killAllSipp();
  await newPhone?.unregister();
  await pool.end();
  await app.close();
});
// Fresh ids each run, so the file also passes against a stack that has seen it before.
const run = String(Date.now()).slice(-5);
const agentId = `6${run}`;
const otherAgentId = `7${run}`;
const customerNumber = `88${run}`;
const general = demoQueues.find((q) => q.id === 'general');
if (!general) throw new Error('demo queue general missing');
const { id: _generalId, ...generalBody } = general;

t.test('a new agent can register a softphone the moment it is saved, with no Asterisk reload', async (t) => {
  const body = { name: 'Erin Sun', teamId: 'front-line', skills: [{ skillId: 'general', level: 6 }] };
  t.equal((await app.inject({ method: 'PUT', url: `/agents/${agentId}`, headers: supervisor, payload: body })).statusCode, 403, 'supervisors cannot provision');
  const created = await app.inject({ method: 'PUT', url: `/agents/${agentId}`, headers: admin, payload: body });
  t.equal(created.statusCode, 200);
  const { sipPassword } = created.json() as { sipPassword: string };
  t.match(sipPassword, /^[A-Za-z0-9]{16}$/, 'a generated SIP password, returned once');
  newPhone = sippAgent(config, agentId, sipPassword, 15301);
  t.equal((await newPhone.register()).code, 0, 'the softphone registers with it');
  const ready = await app.inject({ method: 'POST', url: `/agents/${agentId}/state`, headers: admin, payload: { state: 'ready' } });
  t.equal(ready.statusCode, 200, 'and the agent can go Ready: routing knows the agent too');
  const again = await app.inject({ method: 'PUT', url: `/agents/${agentId}`, headers: admin, payload: { ...body, name: 'Erin Sun-Li' } });
  t.same(again.json(), { id: agentId, sipPassword: null }, 'an update keeps the existing SIP password');
  const listed = (await app.inject({ method: 'GET', url: '/agents', headers: supervisor })).json() as { id: string; name: string; state: string }[];
  t.match(listed.find((a) => a.id === agentId), { name: 'Erin Sun-Li', state: 'ready' });
  const badSkill = await app.inject({ method: 'PUT', url: `/agents/${otherAgentId}`, headers: admin, payload: { ...body, skills: [{ skillId: 'juggling', level: 3 }] } });
  t.equal(badSkill.statusCode, 400, 'an unknown skill is refused');
  t.match(badSkill.json().message, /juggling/);
});

t.test('every agent state change is kept as an interval', async (t) => {
  await app.inject({ method: 'POST', url: `/agents/${agentId}/state`, headers: admin, payload: { state: 'not-ready', reason: 'lunch' } });
  await app.inject({ method: 'POST', url: `/agents/${agentId}/state`, headers: admin, payload: { state: 'ready' } });
  const rows = await waitFor('three closed intervals for the new agent', async () => {
    const { rows } = await pool.query<{ state: string; reason: string | null; secs: number }>(
      'SELECT state, reason, EXTRACT(EPOCH FROM ended_at - started_at)::float8 AS secs FROM agent_state_intervals WHERE agent_id = $1 ORDER BY started_at',
      [agentId],
    );
    return rows.length >= 3 ? rows : undefined;
  });
  t.match(rows, [{ state: 'LoggedOut', reason: null }, { state: 'Ready', reason: null }, { state: 'NotReady', reason: 'lunch' }]);
  t.ok(rows.every((r) => r.secs >= 0), 'each interval closes where the next begins');
  const wrapUp = await app.inject({ method: 'POST', url: `/agents/${agentId}/wrap-up`, headers: admin, payload: { extendSecs: 30 } });
  t.equal(wrapUp.statusCode, 409, 'no wrap-up to extend while Ready');
});

t.test('queue changes are validated and refused whole', async (t) => {
  const unknownSkill = await app.inject({ method: 'PUT', url: '/queues/sales', headers: admin, payload: { ...generalBody, number: '7020', skills: [{ skillId: 'juggling', minLevel: 3 }] } });
  t.equal(unknownSkill.statusCode, 400);
  const takenNumber = await app.inject({ method: 'PUT', url: '/queues/sales', headers: admin, payload: { ...generalBody, number: '7001' } });
  t.equal(takenNumber.statusCode, 409, 'a number already dialled for another queue');
  const badOverflow = await app.inject({ method: 'PUT', url: '/queues/sales', headers: admin, payload: { ...generalBody, number: '7020', overflow: { kind: 'queue', queueId: 'nowhere' } } });
  t.equal(badOverflow.statusCode, 400);
  t.match(badOverflow.json().message, /overflow/);
  const badField = await app.inject({ method: 'PUT', url: '/queues/sales', headers: admin, payload: { ...generalBody, number: '7020', ringTimeoutSecs: 1 } });
  t.equal(badField.statusCode, 400);
  t.match(badField.json().message, /ringTimeoutSecs/);
  const queues = (await app.inject({ method: 'GET', url: '/queues', headers: supervisor })).json() as { id: string }[];
  t.notOk(queues.some((q) => q.id === 'sales'), 'nothing half-saved');
});

t.test('a customer import with bad rows imports nothing and names every problem', async (t) => {
  const csv = { ...admin, 'content-type': 'text/csv' };
  const bad = await app.inject({ method: 'POST', url: '/customers/import', headers: csv, payload: `number,name,tier\n${customerNumber},Good Row,gold\nnope,Bad Row,vip\n` });
  t.equal(bad.statusCode, 400);
  t.match(bad.json(), { message: /line 3 number/, problems: [{ line: 3, field: 'number' }] });
  t.equal((await app.inject({ method: 'GET', url: `/customers/${customerNumber}`, headers: admin })).statusCode, 404, 'the good row was not imported either');
  const good = await app.inject({ method: 'POST', url: '/customers/import', headers: csv, payload: `number,name,tier\n${customerNumber},Good Row,gold\n` });
  t.same(good.json(), { imported: 1 });
  t.same((await app.inject({ method: 'GET', url: `/customers/${customerNumber}`, headers: admin })).json(), { number: customerNumber, name: 'Good Row', tier: 'gold' });
  const json = await app.inject({ method: 'POST', url: '/customers/import', headers: admin, payload: { number: '1' } });
  t.equal(json.statusCode, 415, 'only CSV is accepted');
});

t.test('a caller past the max wait of a voicemail-overflow queue leaves a message', async (t) => {
  const created = await app.inject({
    method: 'PUT',
    url: '/queues/after-hours',
    headers: admin,
    payload: { ...generalBody, name: 'After hours', number: '7010', skills: [{ skillId: 'vip', minLevel: 10 }], maxWaitSecs: 10, overflow: { kind: 'voicemail' } },
  });
  t.equal(created.statusCode, 200);
  const caller = sippCaller(config, '5550301').leaveMessage('7010', 17_000);
  const result = await caller.done;
  t.equal(result.code, 0, 'the caller stayed on the line and hung up', { output: result.output });
  // The caller's hangup reaches the service a moment after SIPp is done.
  const call = await waitFor('the voicemail call to end', async () => {
    const calls = (await app.inject({ method: 'GET', url: '/calls?state=ended', headers: admin })).json() as { id: string; customerNumber: string; outcome: string }[];
    return calls.find((c) => c.customerNumber === '5550301');
  });
  t.equal(call.outcome, 'voicemail');
  const file = `${config.paths.asteriskRoot}/spool/recording/voicemail/${call.id}.wav`;
  t.ok(existsSync(file), 'the message was recorded');
  // 16-bit 8 kHz WAV: 16 000 bytes a second; the caller spoke for about 7 s after the beep.
  const bytes = existsSync(file) ? statSync(file).size : 0;
  t.ok(bytes > 16_000 * 4, `and holds the message (${bytes} bytes)`);
});
