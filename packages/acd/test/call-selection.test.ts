import t from 'tap';
import type { QueueConfig } from '../src/index.js';
import { agent, goReady, makeAcd, pairs, queue } from './fixtures/acd.js';

t.test('a VIP caller queued after a normal caller is answered first', async (t) => {
  const acd = makeAcd({ queues: [queue('q', 's')], agents: [agent('a1', { s: 5 })] });
  t.same(acd.enqueue({ id: 'normal', queueId: 'q' }, 0), { accepted: true, position: 1 });
  t.same(acd.enqueue({ id: 'vip', queueId: 'q', priority: 10 }, 5_000), { accepted: true, position: 1 }, 'the VIP jumps the line');
  t.equal(acd.position('normal'), 2);
  goReady(acd, 'a1', 6_000);
  t.same(pairs(acd.dispatch(6_000)), [['vip', 'a1']]);
});

t.test('across queues: priority, then queue weight, then longest wait, then call id', async (t) => {
  const queues: QueueConfig[] = [queue('light', 's', { weight: 1 }), queue('heavy', 's', { weight: 5 }), queue('other', 's', { weight: 1 })];
  const acd = makeAcd({ queues, agents: [agent('a1', { s: 5 })] });
  acd.enqueue({ id: 'light-old', queueId: 'light' }, 0);
  acd.enqueue({ id: 'other-old', queueId: 'other' }, 0);
  acd.enqueue({ id: 'heavy-new', queueId: 'heavy' }, 100);
  acd.enqueue({ id: 'light-vip', queueId: 'light', priority: 2 }, 200);
  acd.enqueue({ id: 'light-new', queueId: 'light' }, 300);
  t.same(acd.dispatch(300), []);
  const order: string[] = [];
  for (let now = 1_000; order.length < 5; now += 1_000) {
    goReady(acd, 'a1', now);
    const [offer] = acd.dispatch(now);
    order.push(offer?.callId ?? 'none');
    acd.answer(offer?.callId ?? '', now);
    acd.endCall('a1', now);
    acd.setAgentState('a1', { state: 'NotReady', reason: 'other' }, now);
  }
  t.same(order, ['light-vip', 'heavy-new', 'light-old', 'other-old', 'light-new']);
});

t.test('an agent gets the best call among the queues it qualifies for now', async (t) => {
  const queues: QueueConfig[] = [
    { id: 'experts', skills: [{ skill: 's', minLevel: 9, expansion: [{ afterSeconds: 30, minLevel: 3 }] }] },
    queue('general', 's'),
    queue('french', 'fr'),
  ];
  const acd = makeAcd({ queues, agents: [agent('a1', { s: 5 })] });
  acd.enqueue({ id: 'expert-call', queueId: 'experts', priority: 3 }, 0);
  acd.enqueue({ id: 'french-call', queueId: 'french', priority: 9 }, 0);
  acd.enqueue({ id: 'general-call', queueId: 'general' }, 10_000);
  goReady(acd, 'a1', 20_000);
  t.same(pairs(acd.dispatch(20_000)), [['general-call', 'a1']], 'the expert call still needs level 9');
  acd.declineOffer('general-call', 21_000);
  acd.setAgentState('a1', { state: 'Ready' }, 30_000);
  t.same(pairs(acd.dispatch(30_000)), [['expert-call', 'a1']], 'after 30 s the higher-priority expert call is reachable');
});

t.test('several changes at once are matched in call rank order', async (t) => {
  const acd = makeAcd({
    queues: [queue('q', 's'), queue('r', 'r')],
    agents: [agent('both', { s: 5, r: 5 }), agent('onlyS', { s: 5 })],
  });
  acd.enqueue({ id: 'r-vip', queueId: 'r', priority: 1 }, 0);
  acd.enqueue({ id: 's-normal', queueId: 'q' }, 0);
  acd.enqueue({ id: 's-vip', queueId: 'q', priority: 1 }, 1);
  goReady(acd, 'both', 2);
  goReady(acd, 'onlyS', 3);
  // r-vip outranks s-vip by waiting longer, so it takes 'both' (its only option) before s-vip,
  // which would otherwise have preferred 'both' as the longer idle agent.
  t.same(pairs(acd.dispatch(3)), [['r-vip', 'both'], ['s-vip', 'onlyS']]);
  t.same(acd.waitingCalls('q').map((call) => call.id), ['s-normal']);
});

t.test('an offer reserves agent and call together: no agent holds two calls, no call goes twice', async (t) => {
  const acd = makeAcd({ queues: [queue('q', 's')], agents: [agent('a1', { s: 5 })] });
  goReady(acd, 'a1', 0);
  acd.enqueue({ id: 'c1', queueId: 'q' }, 1);
  acd.enqueue({ id: 'c2', queueId: 'q' }, 2);
  const [offer] = acd.dispatch(2);
  t.same(offer, {
    callId: 'c1',
    agentId: 'a1',
    queueId: 'q',
    interval: { agentId: 'a1', state: 'Ready', from: 0, to: 2 },
    rationale: {
      callId: 'c1',
      queueId: 'q',
      strategy: 'longest-idle',
      at: 2,
      waitedMs: 1,
      thresholds: [{ skill: 's', minLevel: 1 }],
      offeredTo: 'a1',
      picked: { agentId: 'a1', skillScore: 5, idleSince: 0 },
    },
  });
  t.match(acd.agent('a1'), { state: 'Reserved', callId: 'c1' });
  t.match(acd.call('c1'), { offeredTo: 'a1' });
  t.equal(acd.position('c1'), undefined, 'a ringing call has no place in line');
  t.same(acd.dispatch(3), [], 'nothing more to do');
  t.same(acd.waitingCalls('q').map((call) => call.id), ['c2']);
});
