import t from 'tap';
import { MISSED_CALL } from '../src/index.js';
import { agent, goReady, makeAcd, queue } from './fixtures/acd.js';

const setup = () => {
  const acd = makeAcd({ queues: [queue('q', 's')], agents: [agent('a1', { s: 5 }), agent('a2', { s: 5 })] }, 0);
  goReady(acd, 'a1', 0);
  goReady(acd, 'a2', 0);
  return acd;
};

t.test('a call for one agent reserves that agent, not the longest idle', async (t) => {
  const acd = setup();
  const offer = acd.offerTo({ id: 'c1', queueId: 'q' }, 'a2', 1_000);
  t.match(offer, { callId: 'c1', agentId: 'a2' });
  t.match(acd.agent('a2'), { state: 'Reserved', callId: 'c1' });
  t.same(acd.dispatch(1_000), [], 'nothing else to route');
  acd.answer('c1', 2_000);
  t.equal(acd.agent('a2').state, 'OnCall');
});

t.test('unanswered, it waits in its queue from when it arrived and goes to whoever is free', async (t) => {
  const acd = setup();
  acd.offerTo({ id: 'c1', queueId: 'q' }, 'a2', 1_000);
  acd.declineOffer('c1', 3_000);
  t.match(acd.agent('a2'), { state: 'NotReady', reason: MISSED_CALL });
  t.match(acd.dispatch(3_000), [{ callId: 'c1', agentId: 'a1' }]);
  t.equal(acd.call('c1').enqueuedAt, 1_000);
});

t.test('an agent who is not Ready refuses it, and nothing changes', async (t) => {
  const acd = setup();
  acd.setAgentState('a2', { state: 'NotReady', reason: 'lunch' }, 500);
  t.throws(() => acd.offerTo({ id: 'c1', queueId: 'q' }, 'a2', 1_000), { name: 'AcdError', code: 'AGENT_NOT_READY' });
  t.throws(() => acd.call('c1'), /no waiting or ringing call/);
  t.throws(() => acd.offerTo({ id: 'c1', queueId: 'q' }, 'nobody', 1_000), /no agent nobody/);
});
