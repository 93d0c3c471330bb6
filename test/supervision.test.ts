import t from 'tap';
import { demoAgent, login, openTestStack } from './helpers/stack.js';
import { killAllSipp, sippAgent, sippCaller } from './helpers/sipp.js';
import { waitFor } from './helpers/wait.js';

// Live supervision on the real stack: a SIPp caller talks to a SIPp agent while the supervisor's
// SIPp phone is joined by listen, whisper and barge, checked through ARI; then the supervisor ends the call.
const { config, credentials, app, pool } = await openTestStack();
const dave = demoAgent(credentials, '1004');
const agentPhone = sippAgent(config, '1004', dave.sipPassword, 15501);
const supervisorPhone = sippAgent(config, credentials.supervisor.extension, credentials.supervisor.sipPassword, 15502);
const agentAuth = { authorization: `Bearer ${await login(app, '1004', dave.password)}` };
const supervisorAuth = { authorization: `Bearer ${await login(app, 'supervisor', credentials.supervisor.password)}` };
t.teardown(async () => {
  killAllSipp();
  await agentPhone.unregister();
  await supervisorPhone.unregister();
  await pool.end();
  await app.close();
});

interface SessionView {
  id: string;
  callId: string;
  mode: string;
  state: string;
  spy: string;
  whisper: string;
  supervisorChannelId: string;
  snoopChannelId: string | null;
  bridgeId: string;
}
const customerNumber = `5557${String(Date.now()).slice(-6)}`;
let callId = '';
let session: SessionView;
let legs: { caller: ReturnType<ReturnType<typeof sippCaller>['callUntilHangup']>; agent: ReturnType<typeof agentPhone.answer>; supervisor: ReturnType<typeof supervisorPhone.answer> };

const patchMode = async (mode: string) => {
  const res = await app.inject({ method: 'PATCH', url: `/supervision/${session.id}`, headers: supervisorAuth, payload: { mode } });
  if (res.statusCode !== 200) throw new Error(`switch to ${mode}: ${res.statusCode} ${res.body}`);
  return res.json() as SessionView;
};
const channelIds = async () => (await app.ari.listChannels()).map((c) => c.id);

t.test('a call to monitor', async (t) => {
  t.equal((await agentPhone.register()).code, 0);
  t.equal((await supervisorPhone.register()).code, 0, "the supervisor's phone registers");
  t.equal((await app.inject({ method: 'POST', url: '/agents/1004/state', headers: agentAuth, payload: { state: 'ready' } })).statusCode, 200);
  legs = { agent: agentPhone.answer(), caller: sippCaller(config, customerNumber).callUntilHangup('7001'), supervisor: supervisorPhone.answer() };
  const talking = await waitFor('the call to be answered', async () => {
    const calls = (await app.inject({ method: 'GET', url: '/calls', headers: supervisorAuth })).json() as { id: string; state: string; customerNumber: string }[];
    return calls.find((c) => c.customerNumber === customerNumber && c.state === 'talking');
  });
  callId = talking.id;
  const byAgent = await app.inject({ method: 'POST', url: '/supervision', headers: agentAuth, payload: { callId, mode: 'listen' } });
  t.equal(byAgent.statusCode, 403, 'an agent cannot monitor');
  const ambiguous = await app.inject({ method: 'POST', url: '/supervision', headers: supervisorAuth, payload: { callId, agentId: '1004', mode: 'listen' } });
  t.equal(ambiguous.statusCode, 400);
});

t.test('random listening picks a live call of the team and rings the supervisor', async (t) => {
  const started = await app.inject({ method: 'POST', url: '/supervision', headers: supervisorAuth, payload: { random: true, mode: 'listen' } });
  t.equal(started.statusCode, 201);
  session = started.json() as SessionView;
  t.equal(session.callId, callId, 'the only live call of the team');
  const active = await waitFor('the supervisor to answer', async () => {
    const list = (await app.inject({ method: 'GET', url: '/supervision', headers: supervisorAuth })).json() as SessionView[];
    const seen = list.find((s) => s.id === session.id);
    // What the session was last seen as is what a timeout reports.
    if (seen?.state !== 'active') throw new Error(`session ${seen ? seen.state : 'gone'}; channels ${(await channelIds()).join(' ')}`);
    return seen;
  });
  t.match(active, { mode: 'listen', spy: 'both', whisper: 'none' }, 'listen: hears both parties, heard by nobody');
  const members = await app.ari.bridgeChannels(active.bridgeId);
  t.same([...members].sort(), [active.supervisorChannelId, active.snoopChannelId].sort(), 'ARI: the supervisor is bridged with a snoop on the agent leg');
  t.notOk((await app.ari.bridgeChannels(callId)).includes(active.supervisorChannelId), 'and is not in the call itself');
  session = active;
});

t.test('whisper: a new snoop whose voice goes to the agent only, without dropping the supervisor', async (t) => {
  const oldSnoop = session.snoopChannelId;
  const whisper = await patchMode('whisper');
  t.match(whisper, { mode: 'whisper', spy: 'both', whisper: 'out', supervisorChannelId: session.supervisorChannelId });
  t.not(whisper.snoopChannelId, oldSnoop);
  t.same([...(await app.ari.bridgeChannels(whisper.bridgeId))].sort(), [whisper.supervisorChannelId, whisper.snoopChannelId].sort());
  const channels = await channelIds();
  t.ok(channels.includes(whisper.supervisorChannelId), "the supervisor's leg is the same channel");
  // A hangup is answered before Asterisk has destroyed the channel: give it a moment to go.
  const snoopGone = await waitFor('the listen snoop to go', async () => ((await channelIds()).includes(oldSnoop ?? '') ? undefined : true), 5_000).catch(() => false);
  t.ok(snoopGone, 'the listen snoop is gone');
  session = whisper;
});

t.test('barge: the supervisor joins the call bridge and all three talk', async (t) => {
  const barge = await patchMode('barge');
  t.match(barge, { mode: 'barge', snoopChannelId: null });
  const members = await app.ari.bridgeChannels(callId);
  t.equal(members.length, 3, 'caller, agent and supervisor in one bridge');
  t.ok(members.includes(barge.supervisorChannelId));
  const back = await patchMode('listen');
  t.notOk((await app.ari.bridgeChannels(callId)).includes(back.supervisorChannelId), 'back to listening: out of the call again');
  t.equal((await app.ari.bridgeChannels(back.bridgeId)).length, 2);
  session = back;
});

t.test('the supervisor ends the call; every leg and the session end with it, all audited', async (t) => {
  const ended = await app.inject({ method: 'DELETE', url: `/calls/${callId}`, headers: supervisorAuth });
  t.same(ended.json(), { ended: true });
  t.equal((await legs.caller.done).code, 0, 'the caller was released');
  t.equal((await legs.agent.done).code, 0, 'the agent was released');
  t.equal((await legs.supervisor.done).code, 0, "the supervisor's phone was released");
  const call = (await app.inject({ method: 'GET', url: `/calls/${callId}`, headers: supervisorAuth })).json();
  t.match(call, { state: 'ended', outcome: 'answered' });
  const { rows } = await pool.query<{ action: string; actor: string; data: { to?: string } }>(
    'SELECT action, actor, data FROM audit_log WHERE subject = $1 ORDER BY id', [callId]);
  t.same(
    rows.map((r) => `${r.actor} ${r.action}${r.data.to ? ` ${r.data.to}` : ''}`),
    ['supervisor monitor.start', 'supervisor monitor.mode whisper', 'supervisor monitor.mode barge', 'supervisor monitor.mode listen', 'supervisor call.end', 'supervisor monitor.end'],
  );
});
