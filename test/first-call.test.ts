import t from 'tap';
import { createCallRecordRepository } from '@hotline/db';
import type { CallView } from './helpers/call-floor.js';
import { demoAgent, login, openTestStack } from './helpers/stack.js';
import { killAllSipp, sippAgent, sippCaller } from './helpers/sipp.js';
import { waitFor } from './helpers/wait.js';
import { inProcessWorkers } from './helpers/workers.js';
import { demoQueues } from '../services/control/src/demo/demo-config.js';

// A real call end to end: SIPp caller → Asterisk → Stasis → routing → SIPp agent softphone,
// with the worker turning the call's events into its stored record.
const { config, credentials, app, pool } = await openTestStack();
const records = createCallRecordRepository(pool);
const workers = inProcessWorkers(config, pool, ['call-events']);
const alice = demoAgent(credentials, '1001');
const phone = sippAgent(config, '1001', alice.sipPassword, 15101);
const customer = sippCaller(config, '5550100');
const agentToken = await login(app, '1001', alice.password);
const supervisorToken = await login(app, 'supervisor', credentials.supervisor.password);
const auth = (token: string) => ({ authorization: `Bearer ${token}` });

const liveCalls = async () => (await app.inject({ method: 'GET', url: '/calls?state=all', headers: auth(supervisorToken) })).json() as CallView[];
const getCall = async (id: string) => (await app.inject({ method: 'GET', url: `/calls/${id}`, headers: auth(supervisorToken) })).json() as CallView;
const setState = (body: object) => app.inject({ method: 'POST', url: '/agents/1001/state', headers: auth(agentToken), payload: body });

t.teardown(async () => {
  killAllSipp();
  await phone.unregister();
  await workers.close();
  await pool.end();
  await app.close();
});

t.test('an agent goes Ready only with a registered softphone', async (t) => {
  t.equal((await phone.unregister()).code, 0, 'start with no registration left from an earlier run');
  const refused = await setState({ state: 'ready' });
  t.equal(refused.statusCode, 409, 'unregistered agent cannot go Ready');
  t.match(refused.json().message, /not registered/);
  t.equal((await phone.register()).code, 0, 'SIPp softphone registers with the printed credentials');
  const ready = await setState({ state: 'ready' });
  t.equal(ready.statusCode, 200);
  t.match(ready.json(), { state: 'ready', deviceRegistered: true });
});

let firstCallId = '';

t.test('a caller is connected to the Ready agent, and the agent leg ends when the caller hangs up', async (t) => {
  const agentLeg = phone.answer();
  const caller = customer.call('7000', 3000);
  const talking = await waitFor('the call to be answered', async () => (await liveCalls()).find((c) => c.state === 'talking'));
  t.match(talking, { queueId: 'general', agentId: '1001', customerNumber: '5550100' }, 'answered by agent 1001');
  const agentView = (await app.inject({ method: 'GET', url: '/agents/1001', headers: auth(agentToken) })).json();
  t.match(agentView, { state: 'on-call', callId: talking.id });

  t.equal((await caller.done).code, 0, 'caller scenario completed (answered, talked, hung up)');
  t.equal((await agentLeg.done).code, 0, 'agent softphone received the BYE: its leg was cleaned up');
  const ended = await waitFor('the call to end', async () => {
    const call = await getCall(talking.id);
    return call.state === 'ended' ? call : undefined;
  });
  t.equal(ended.outcome, 'answered');

  const row = await waitFor('the stored call record', async () => {
    const stored = await records.get(talking.id);
    return stored?.outcome ? stored : undefined;
  });
  t.match(row, { queueId: 'general', agentId: '1001', outcome: 'answered', hangupBy: 'caller', customerNumber: '5550100' });
  // The caller hangs up 3 s after Asterisk answered it; the agent picked up a ring (~0.3 s) later.
  t.ok(row.talkSecs !== null && row.talkSecs > 2 && row.talkSecs < 3.2, `talk time ${row.talkSecs}s matches the call`);
  t.ok(!(await app.ari.listBridgeIds()).includes(talking.id), 'the bridge is gone');
  t.ok(row.ringSecs !== null && row.ringSecs > 0.2 && row.ringSecs < 1.5, `the agent's phone rang ${row.ringSecs}s`);
  const disposition = await app.inject({ method: 'POST', url: `/calls/${talking.id}/disposition`, headers: auth(agentToken), payload: { code: 'opening-hours', note: 'asked when the shop opens' } });
  t.equal(disposition.statusCode, 200, 'the agent files a disposition during after-call work');
  firstCallId = talking.id;
});

t.test('with no Ready agent a caller waits and is connected to nobody', async (t) => {
  // Alice is in wrap-up after the first call, so nobody is Ready.
  const before = (await app.inject({ method: 'GET', url: '/agents/1001', headers: auth(agentToken) })).json();
  t.equal(before.state, 'wrap-up');
  const caller = customer.call('7000', 2500);
  const waiting = await waitFor('the second call to arrive', async () => (await liveCalls()).find((c) => c.state === 'waiting' || c.state === 'greeting'));
  t.equal(waiting.agentId, null, 'no agent assigned');
  t.equal((await caller.done).code, 0);
  const ended = await waitFor('the abandoned call to end', async () => {
    const call = await getCall(waiting.id);
    return call.state === 'ended' ? call : undefined;
  });
  t.match(ended, { outcome: 'abandoned', agentId: null });
  const row = await waitFor('the abandoned call record', async () => {
    const stored = await records.get(waiting.id);
    return stored?.outcome ? stored : undefined;
  });
  t.match(row, { outcome: 'abandoned', agentId: null, answeredAt: null });
});

t.test('when the agent hangs up first (and the queue takes no survey) the caller is released', async (t) => {
  const admin = { authorization: `Bearer ${await login(app, 'admin', credentials.admin.password)}` };
  const { id: _id, ...general } = demoQueues.find((q) => q.id === 'general') ?? demoQueues[0]!;
  t.equal((await app.inject({ method: 'PUT', url: '/queues/general', headers: admin, payload: { ...general, survey: { mode: 'off' } } })).statusCode, 200);
  t.equal((await setState({ state: 'ready' })).statusCode, 200, 'agent ends wrap-up early');
  const wrapped = await waitFor("the first call's wrap-up on its record", async () => {
    const stored = await records.get(firstCallId);
    return stored?.wrapUpSecs ? stored : undefined;
  });
  t.match(wrapped, { disposition: 'opening-hours', dispositionNote: 'asked when the shop opens' });
  t.ok(wrapped.wrapUpSecs !== null && wrapped.wrapUpSecs > 1, `after-call work of ${wrapped.wrapUpSecs}s, ended early by the agent`);
  const resource = (await app.inject({ method: 'GET', url: `/calls/${firstCallId}`, headers: auth(supervisorToken) })).json();
  t.match(resource, {
    id: firstCallId, state: 'ended', outcome: 'answered', agentId: '1001',
    record: { disposition: 'opening-hours', dispositionNote: 'asked when the shop opens', wrapUpSecs: wrapped.wrapUpSecs, talkSecs: wrapped.talkSecs, ringSecs: wrapped.ringSecs, hangupBy: 'caller', surveyOffered: false },
  }, 'GET /calls/{id} carries the full stored record');
  const agentLeg = phone.answerThenHangUp(2000);
  const caller = customer.callUntilHangup('7000');
  const talking = await waitFor('the call to be answered', async () => (await liveCalls()).find((c) => c.state === 'talking'));
  t.equal(talking.agentId, '1001');
  const agentResult = await agentLeg.done;
  t.equal(agentResult.code, 0, 'agent hung up', { output: agentResult.output });
  const callerResult = await caller.done;
  t.equal(callerResult.code, 0, 'caller received the BYE', { output: callerResult.output });
  const row = await waitFor('the stored call record', async () => {
    const stored = await records.get(talking.id);
    return stored?.outcome ? stored : undefined;
  });
  t.match(row, { outcome: 'answered', hangupBy: 'agent', agentId: '1001' });
});

t.test('a number that is not a queue is refused', async (t) => {
  const stranger = sippCaller(config, '5550199');
  const result = await stranger.call('9999', 1000).done;
  t.not(result.code, 0, 'the INVITE is rejected, never answered');
  t.notOk((await liveCalls()).some((c) => c.customerNumber === '5550199'), 'no call was created');
});
