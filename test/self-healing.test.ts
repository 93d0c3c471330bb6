import t from 'tap';
import { openCallFloor } from './helpers/call-floor.js';
import { sippCaller } from './helpers/sipp.js';
import { waitFor } from './helpers/wait.js';

// Self-healing state on the real stack: the service stops listening to Asterisk (its ARI link is
// closed), something happens on a call meanwhile, and after the link is back the reconciler finds
// the difference and puts it right. Also: an agent's softphone going away parks them.
const floor = await openCallFloor(15301);
const { config, app, admin, phones, phone, calls, callFrom, agentState, allNotReady, storedCall } = floor;
const setState = floor.changeState;
t.teardown(async () => {
  if (app.ari.state.status === 'stopped') app.ari.start();
  await floor.close();
});

interface Correction {
  kind: string;
  callId: string | null;
  agentId: string | null;
  evidence: Record<string, unknown>;
}
const correctionOf = (callId: string) =>
  waitFor(`a correction of ${callId}`, async () => {
    const res = await app.inject({ method: 'GET', url: '/state-corrections?limit=20', headers: admin });
    return (res.json() as Correction[]).find((c) => c.callId === callId);
  });
/** Hangs a channel up on Asterisk directly, over its REST interface, while the service is not listening. */
const hangUpInAsterisk = async (channelId: string) => {
  const auth = Buffer.from(`${config.ari.username}:${config.ari.password}`).toString('base64');
  const res = await fetch(`${config.ari.url}/ari/channels/${channelId}`, { method: 'DELETE', headers: { authorization: `Basic ${auth}` } });
  if (res.status !== 204) throw new Error(`hanging up ${channelId}: ${res.status}`);
};
const agentLegOf = (callId: string) => {
  const leg = app.callFlow.calls.get(callId)?.agentChannelId;
  if (!leg) throw new Error(`call ${callId} has no agent leg`);
  return leg;
};

t.before(async () => {
  for (const p of phones.values()) t.equal((await p.register()).code, 0);
});

t.test('a waiting caller who hung up while the service was not listening is ended as abandoned', async (t) => {
  await allNotReady();
  const caller = sippCaller(config, '5550401').call('7000', 4000);
  const waiting = await callFrom('5550401');
  await app.ari.stop();
  t.equal((await caller.done).code, 0, 'the caller hung up meanwhile');
  t.equal((await calls()).find((c) => c.id === waiting.id)?.state === 'ended', false, 'unseen: the service still holds the call');
  app.ari.start();
  const correction = await correctionOf(waiting.id);
  t.match(correction, { kind: 'caller-gone', evidence: { believed: /greeting|waiting/, channelId: String, firstSeenAt: String } });
  t.equal((await callFrom('5550401', (c) => c.state === 'ended')).outcome, 'abandoned');
  t.equal((await storedCall(waiting.id)).outcome, 'abandoned', 'recorded once, as abandoned');
});

t.test('an offer whose ringing leg vanished: the caller keeps their place and the agent is parked', async (t) => {
  await allNotReady();
  const ringing = phone('1002').ignore();
  t.equal((await setState('1002', { state: 'ready' })).statusCode, 200);
  const caller = sippCaller(config, '5550402').callUntilHangup('7000');
  const offered = await callFrom('5550402', (c) => c.state === 'ringing' && c.agentId === '1002');
  await app.ari.stop();
  await hangUpInAsterisk(agentLegOf(offered.id));
  app.ari.start();
  const correction = await correctionOf(offered.id);
  t.match(correction, { kind: 'offer-gone', agentId: '1002', evidence: { believed: 'ringing' } });
  await callFrom('5550402', (c) => c.id === offered.id && c.state === 'waiting');
  t.match(await agentState('1002'), { state: 'not-ready', reason: 'missed call' }, 'treated as a ring with no answer');
  t.equal((await app.inject({ method: 'DELETE', url: `/calls/${offered.id}`, headers: admin })).statusCode, 200);
  t.equal((await caller.done).code, 0);
  ringing.kill();
});

t.test('a talking call whose agent hung up unseen ends as answered and frees the agent', async (t) => {
  await allNotReady();
  const talking = phone('1003').answerThenHangUp(3000);
  t.equal((await setState('1003', { state: 'ready' })).statusCode, 200);
  const caller = sippCaller(config, '5550403').callUntilHangup('7000');
  const call = await callFrom('5550403', (c) => c.state === 'talking');
  const callerChannel = app.callFlow.calls.get(call.id)?.callerChannelId ?? '';
  await app.ari.stop();
  t.equal((await talking.done).code, 0, 'the agent hung up meanwhile');
  app.ari.start();
  const correction = await correctionOf(call.id);
  t.match(correction, { kind: 'agent-leg-gone', agentId: '1003', evidence: { believed: 'talking' } });
  t.equal((await callFrom('5550403', (c) => c.state === 'ended')).outcome, 'answered');
  t.not((await agentState('1003')).state, 'on-call', 'the agent is no longer held on the call');
  t.equal((await storedCall(call.id)).outcome, 'answered', 'recorded once, as answered');
  await hangUpInAsterisk(callerChannel).catch(() => undefined); // skip the survey the caller is now offered
  t.equal((await caller.done).code, 0);
});

t.test('a caller whose StasisStart never reached the call flow is found in our Stasis app and taken', async (t) => {
  await allNotReady();
  // The event is lost on its way to the call flow (as a handler failing under load would lose it).
  const handlers = app.ari.listeners('stasisStart');
  app.ari.removeAllListeners('stasisStart');
  const caller = sippCaller(config, '5550404').call('7000', 12_000);
  const orphan = await waitFor('the caller in our Stasis app', async () => (await app.ari.listChannels()).find((c) => c.callerNumber === '5550404' && c.stasisArgs?.[0] === 'inbound'));
  for (const handler of handlers) app.ari.on('stasisStart', handler);
  t.notOk((await calls()).some((c) => c.customerNumber === '5550404'), 'unknown to the service: the caller hears silence');
  const correction = await waitFor('the correction', async () => {
    const res = await app.inject({ method: 'GET', url: '/state-corrections?limit=20', headers: admin });
    return (res.json() as Correction[]).find((c) => c.kind === 'unknown-caller' && (c.evidence.channel as { id?: string } | undefined)?.id === orphan.id);
  }, 20_000);
  t.match(correction.evidence, { channel: { callerNumber: '5550404', args: ['inbound', '7000'] } }, 'recorded with the channel it found');
  const taken = await callFrom('5550404');
  t.equal(app.callFlow.calls.get(taken.id)?.callerChannelId, orphan.id, 'the call the service now holds is that channel');
  t.equal((await caller.done).code, 0);
  t.equal((await storedCall(taken.id)).outcome, 'abandoned', 'the caller who gave up waiting has a record');
});

t.test('an agent whose softphone unregisters is parked as device offline, and is Ready again when it registers', async (t) => {
  await allNotReady();
  t.equal((await setState('1004', { state: 'ready' })).statusCode, 200);
  t.equal((await phone('1004').unregister()).code, 0);
  await waitFor('1004 parked', async () => {
    const agent = await agentState('1004');
    return agent.state === 'not-ready' && agent.reason === 'device offline' ? agent : undefined;
  });
  t.equal((await setState('1004', { state: 'ready' })).statusCode, 409, 'cannot go Ready without a softphone');
  t.equal((await phone('1004').register()).code, 0);
  await waitFor('1004 ready again', async () => ((await agentState('1004')).state === 'ready' ? true : undefined));
  t.pass('back to Ready by itself');
});
