import t from 'tap';
import { demoQueues } from '../src/demo/demo-config.js';
import { setup } from './helpers/call-flow-rig.js';

// Calls agents place, against a fake Asterisk: the agent's phone first, then the customer's
// through the trunk with the queue's number; the router holds the agent throughout.
const general = demoQueues.find((q) => q.id === 'general')!;
const NUMBER = '13812345678';

async function dialled(readyAgents = ['1002']) {
  const rig = setup(readyAgents);
  const call = await rig.flow.outbound.dial('1002', general, NUMBER);
  if (!call) throw new Error('the call was not placed');
  return { ...rig, call, agentLeg: `${call.id}-agent`, customerLeg: `${call.id}-customer` };
}

t.test("the agent's phone rings first; nothing is dialled out until they take it", async (t) => {
  const { ari, router, call, agentLeg, published } = await dialled();
  const originate = ari.requests.find((r) => r.method === 'originate');
  t.match(originate?.args[1], { channelId: agentLeg, endpoint: 'PJSIP/1002', appArgs: `outbound-agent,${call.id}`, callerId: `"Calling ${NUMBER}" <${NUMBER}>` });
  t.equal(ari.requests.filter((r) => r.method === 'originate').length, 1, 'only the agent is rung');
  t.match(published, [{ type: 'call.dialing', agentId: '1002', queueId: 'general', customerNumber: NUMBER }]);
  t.equal(call.state, 'dialing');
  t.equal(router.agent('1002')?.state, 'Reserved', 'held for the call: no queue call is offered meanwhile');
});

t.test('the agent takes their phone: the customer is rung with the queue number, the agent hears ringing; the answer bridges and records', async (t) => {
  const { ari, flow, router, call, agentLeg, customerLeg, published } = await dialled();
  await flow.outbound.agentAnswered(agentLeg, call.id);
  t.equal(router.agent('1002')?.state, 'OnCall');
  const customer = ari.requests.filter((r) => r.method === 'originate').at(-1)?.args[1];
  t.match(customer, { channelId: customerLeg, endpoint: `PJSIP/${NUMBER}@callback-trunk`, appArgs: `outbound-customer,${call.id}`, callerId: `"${general.name}" <${general.number}>`, timeoutSecs: 40, originator: agentLeg });
  t.ok(ari.since(0).includes(`addToBridge ${call.id}`) && ari.requests.some((r) => r.method === 'play' && (r.args[1] as string[])[0] === 'tone:ring'), 'in the bridge, hearing ringing');

  await flow.outbound.customerAnswered(customerLeg, call.id);
  t.equal(call.state, 'talking');
  t.ok(ari.since(0).includes(`stopPlayback ${call.id}.ringback`), 'the ringing stops');
  t.equal(ari.requests.filter((r) => r.method === 'addToBridge').length, 2, 'both in one bridge');
  t.ok(ari.since(0).includes(`mixMonitor ${customerLeg}`), "recorded by the queue's policy");
  t.match(published.at(-1), { type: 'call.answered', agentId: '1002' });

  await flow.onChannelGone(customerLeg);
  t.match(published.find((e) => e.type === 'call.ended'), { outcome: 'outbound', outboundStatus: 'answered', hangupBy: 'caller' });
  t.ok(ari.since(0).includes(`hangup ${agentLeg}`), "the agent's side is released");
  t.equal(router.agent('1002')?.state, 'WrapUp', 'after-call work as after any call');
});

t.test("how an unanswered attempt is recorded: busy, rang out, unreachable, or the agent's giving up", async (t) => {
  for (const [cause, status] of [[17, 'busy'], [19, 'no-answer'], [34, 'failed']] as const) {
    const { flow, router, call, agentLeg, customerLeg, published } = await dialled();
    await flow.outbound.agentAnswered(agentLeg, call.id);
    await flow.onChannelGone(customerLeg, cause);
    t.match(published.find((e) => e.type === 'call.ended'), { outcome: 'outbound', outboundStatus: status }, `cause ${cause}: ${status}`);
    t.equal(router.agent('1002')?.state, 'WrapUp', 'the agent was on the line: wrap-up to note the attempt');
  }
  const { ari, flow, router, call, agentLeg, customerLeg, published } = await dialled();
  await flow.onChannelGone(agentLeg, 19);
  t.match(published.find((e) => e.type === 'call.ended'), { outcome: 'outbound', outboundStatus: 'cancelled', hangupBy: 'agent' }, 'the agent never took their phone');
  t.equal(router.agent('1002')?.state, 'Ready', 'and is free again at once');
  t.notOk(ari.since(0).includes(`originate ${customerLeg}`), 'the customer was never rung');
  await flow.outbound.agentAnswered(agentLeg, call.id);
  t.notOk(ari.since(0).includes(`originate ${customerLeg}`), 'a late answer of an ended call rings nobody');
});

t.test('the agent hangs up while the customer rings: the customer leg goes too', async (t) => {
  const { ari, flow, call, agentLeg, customerLeg, published } = await dialled();
  await flow.outbound.agentAnswered(agentLeg, call.id);
  await flow.onChannelGone(agentLeg);
  t.match(published.at(-1), { type: 'call.ended', outboundStatus: 'cancelled' });
  t.ok(ari.since(0).includes(`hangup ${customerLeg}`));
  await flow.outbound.customerAnswered(customerLeg, call.id);
  t.equal(ari.requests.filter((r) => r.method === 'addToBridge').length, 1, 'a customer answering after that is not bridged');
});

t.test('an agent who lets their own call ring out: it is given up', async (t) => {
  const { flow, call, published } = await dialled();
  await flow.outbound.agentRangOut(call);
  t.match(published.at(-1), { type: 'call.ended', outcome: 'outbound', outboundStatus: 'cancelled' });
});

t.test('who can place a call: a Ready or Not ready agent with a phone, not one busy or logged out', async (t) => {
  const { flow, router, advance } = setup(['1002']);
  router.setAgentState('1002', { state: 'NotReady', reason: 'break' }, advance(1000));
  t.ok(await flow.outbound.dial('1002', general, NUMBER), 'from Not ready');
  t.equal(await flow.outbound.dial('1002', general, NUMBER), undefined, 'not while already on one');
  t.equal(await flow.outbound.dial('1003', general, NUMBER), undefined, 'not logged in');
  t.equal(router.agent('1003')?.state, 'LoggedOut', 'and nothing changed for them');
});

t.test('a failure to ring the agent ends the call as failed, the agent freed', async (t) => {
  const { ari, flow, router, published } = setup(['1002']);
  ari.failNext('originate', new Error('Allocation failed'));
  const call = await flow.outbound.dial('1002', general, NUMBER);
  t.equal(call?.state, 'ended');
  t.match(published.at(-1), { type: 'call.ended', outcome: 'outbound', outboundStatus: 'failed' });
  t.equal(router.agent('1002')?.state, 'Ready');
});

t.test('however it ends, a placed call is recorded as outbound: a supervisor ending it, a blind transfer', async (t) => {
  const ended = await dialled();
  await ended.flow.outbound.agentAnswered(ended.agentLeg, ended.call.id);
  await ended.flow.outbound.customerAnswered(ended.customerLeg, ended.call.id);
  t.ok(await ended.flow.forceEnd(ended.call.id));
  t.match(ended.published.at(-1), { type: 'call.ended', outcome: 'outbound', outboundStatus: 'answered', hangupBy: 'supervisor' });
  const ringing = await dialled();
  t.ok(await ringing.flow.forceEnd(ringing.call.id));
  t.match(ringing.published.at(-1), { type: 'call.ended', outcome: 'outbound', outboundStatus: 'cancelled' });
  const passed = await dialled();
  await passed.flow.outbound.agentAnswered(passed.agentLeg, passed.call.id);
  await passed.flow.outbound.customerAnswered(passed.customerLeg, passed.call.id);
  t.equal(await passed.flow.transfer(passed.call.id, { queueId: 'billing' }), 'ok');
  t.match(passed.published.find((e) => e.type === 'call.ended'), { outcome: 'outbound', outboundStatus: 'answered', transferredTo: 'queue:billing' });
});
