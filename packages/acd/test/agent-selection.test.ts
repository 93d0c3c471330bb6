import t from 'tap';
import type { QueueConfig } from '../src/index.js';
import { agent, goReady, makeAcd, pairs, queue } from './fixtures/acd.js';

t.test('a call reaches only an agent with the skill, even when another agent is Ready', async (t) => {
  const acd = makeAcd({ queues: [queue('billing', 'billing')], agents: [agent('sales1', { sales: 10 }), agent('bill1', { billing: 3 })] });
  goReady(acd, 'sales1', 0);
  acd.enqueue({ id: 'c1', queueId: 'billing' }, 10);
  t.same(acd.dispatch(10), [], 'no qualified agent yet');
  goReady(acd, 'bill1', 20);
  t.same(pairs(acd.dispatch(20)), [['c1', 'bill1']]);
  t.equal(acd.agent('sales1').state, 'Ready', 'the unqualified agent is untouched');
});

t.test('longest idle: the agent Ready the longest gets the call, ties by agent id', async (t) => {
  const acd = makeAcd({ queues: [queue('q', 's')], agents: ['a1', 'a2', 'a3', 'a4'].map((id) => agent(id, { s: 5 })) });
  goReady(acd, 'a4', 50);
  goReady(acd, 'a2', 50);
  goReady(acd, 'a3', 100);
  goReady(acd, 'a1', 200);
  for (const [i, now] of [300, 310, 320, 330].entries()) acd.enqueue({ id: `c${i}`, queueId: 'q' }, now);
  t.same(pairs(acd.dispatch(330)), [['c0', 'a2'], ['c1', 'a4'], ['c2', 'a3'], ['c3', 'a1']]);
});

t.test('idle time restarts each time the agent becomes Ready again', async (t) => {
  const acd = makeAcd({ queues: [queue('q', 's')], agents: [agent('a1', { s: 5 }), agent('a2', { s: 5 })] });
  goReady(acd, 'a1', 0);
  goReady(acd, 'a2', 10);
  acd.setAgentState('a1', { state: 'NotReady', reason: 'break' }, 20);
  acd.setAgentState('a1', { state: 'Ready' }, 30);
  t.equal(acd.agent('a1').idleSince, 30);
  acd.enqueue({ id: 'c1', queueId: 'q' }, 40);
  t.same(pairs(acd.dispatch(40)), [['c1', 'a2']]);
});

t.test('longest idle skips agents that miss another required skill or level', async (t) => {
  const twoSkills: QueueConfig = { id: 'q', skills: [{ skill: 'x', minLevel: 5 }, { skill: 'y', minLevel: 3 }] };
  const acd = makeAcd({
    queues: [twoSkills],
    agents: [
      agent('onlyX', { x: 10 }),
      agent('lowY', { x: 9, y: 2 }),
      agent('lowX', { x: 4, y: 9 }),
      agent('fits-late', { x: 5, y: 3 }),
      agent('fits-early', { x: 7, y: 3 }),
      agent('fits-latest', { x: 8, y: 8 }),
    ],
  });
  goReady(acd, 'onlyX', 0);
  goReady(acd, 'lowY', 10);
  goReady(acd, 'lowX', 20);
  goReady(acd, 'fits-early', 30);
  goReady(acd, 'fits-late', 40);
  goReady(acd, 'fits-latest', 50);
  acd.enqueue({ id: 'c1', queueId: 'q' }, 60);
  acd.enqueue({ id: 'c2', queueId: 'q' }, 61);
  acd.enqueue({ id: 'c3', queueId: 'q' }, 62);
  acd.enqueue({ id: 'c4', queueId: 'q' }, 63);
  t.same(pairs(acd.dispatch(63)), [['c1', 'fits-early'], ['c2', 'fits-late'], ['c3', 'fits-latest']]);
  t.same(acd.waitingCalls('q').map((call) => call.id), ['c4'], 'nobody left qualifies');
});

t.test('best skill: highest level first, ties by longest idle', async (t) => {
  const acd = makeAcd({
    queues: [queue('q', 's', { strategy: 'best-skill' })],
    agents: [agent('low', { s: 3 }), agent('top-late', { s: 9 }), agent('top-early', { s: 9 }), agent('mid', { s: 6 })],
  });
  goReady(acd, 'low', 0);
  goReady(acd, 'mid', 10);
  goReady(acd, 'top-early', 20);
  goReady(acd, 'top-late', 30);
  for (const id of ['c1', 'c2', 'c3', 'c4']) acd.enqueue({ id, queueId: 'q' }, 40);
  t.same(pairs(acd.dispatch(40)), [['c1', 'top-early'], ['c2', 'top-late'], ['c3', 'mid'], ['c4', 'low']]);
});

t.test('best skill over several skills sums the levels; equal sums go to the longest idle', async (t) => {
  const queues: QueueConfig[] = [{ id: 'q', strategy: 'best-skill', skills: [{ skill: 'x', minLevel: 1 }, { skill: 'y', minLevel: 1 }] }];
  const acd = makeAcd({
    queues,
    agents: [
      agent('x10y1', { x: 10, y: 1 }),
      agent('x6y6', { x: 6, y: 6 }),
      agent('x9y5', { x: 9, y: 5 }),
      agent('x5y9', { x: 5, y: 9 }),
      agent('x10y10', { x: 10, y: 10 }),
      agent('x10y10-late', { x: 10, y: 10 }),
      agent('onlyX', { x: 10 }),
    ],
  });
  goReady(acd, 'onlyX', 0);
  goReady(acd, 'x10y1', 0);
  goReady(acd, 'x6y6', 0);
  goReady(acd, 'x5y9', 10);
  goReady(acd, 'x9y5', 20);
  goReady(acd, 'x10y10', 25);
  goReady(acd, 'x10y10-late', 30);
  for (const id of ['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7']) acd.enqueue({ id, queueId: 'q' }, 40);
  t.same(pairs(acd.dispatch(40)), [
    ['c1', 'x10y10'],
    ['c2', 'x10y10-late'],
    ['c3', 'x5y9'],
    ['c4', 'x9y5'],
    ['c5', 'x6y6'],
    ['c6', 'x10y1'],
  ]);
});

t.test('best skill finds an equal score at the lowest level that can still reach it', async (t) => {
  const queues: QueueConfig[] = [{ id: 'q', strategy: 'best-skill', skills: [{ skill: 'x', minLevel: 1 }, { skill: 'y', minLevel: 1 }] }];
  const acd = makeAcd({ queues, agents: [agent('x10y5', { x: 10, y: 5 }), agent('x5y10', { x: 5, y: 10 })] });
  goReady(acd, 'x5y10', 0);
  goReady(acd, 'x10y5', 10);
  acd.enqueue({ id: 'c1', queueId: 'q' }, 20);
  t.same(pairs(acd.dispatch(20)), [['c1', 'x5y10']], 'both score 15; x5y10 has been idle longer');
});

t.test('skill expansion: a call reaches lower levels as it waits', async (t) => {
  const expanding: QueueConfig = {
    id: 'q',
    skills: [{ skill: 's', minLevel: 7, expansion: [{ afterSeconds: 20, minLevel: 4 }, { afterSeconds: 60, minLevel: 1 }] }],
  };
  const acd = makeAcd({ queues: [expanding], agents: [agent('level5', { s: 5 }), agent('level2', { s: 2 })] });
  goReady(acd, 'level5', 0);
  goReady(acd, 'level2', 0);
  acd.enqueue({ id: 'c1', queueId: 'q' }, 1_000);
  t.same(acd.dispatch(1_000), []);
  acd.enqueue({ id: 'c2', queueId: 'q' }, 2_000);
  t.same(acd.dispatch(2_000), []);
  t.equal(acd.nextDeadline(), 21_000, 'the next expansion is a deadline');
  t.same(acd.dispatch(20_999), [], 'level 7 still required');
  t.same(pairs(acd.dispatch(21_000)), [['c1', 'level5']], 'after 20 s level 4 will do');
  t.same(acd.dispatch(61_999), []);
  t.same(pairs(acd.dispatch(62_000)), [['c2', 'level2']], 'after 60 s any level will do');
  t.equal(acd.nextDeadline(), 21_000 + 15_000, 'no expansion left: the ring timeout of c1 is next');
});

t.test('each required skill relaxes on its own steps', async (t) => {
  const queues: QueueConfig[] = [
    {
      id: 'q',
      skills: [
        { skill: 'billing', minLevel: 8, expansion: [{ afterSeconds: 10, minLevel: 5 }] },
        { skill: 'spanish', minLevel: 6, expansion: [{ afterSeconds: 30, minLevel: 2 }] },
      ],
    },
  ];
  const acd = makeAcd({ queues, agents: [agent('a1', { billing: 6, spanish: 3 })] });
  goReady(acd, 'a1', 0);
  acd.enqueue({ id: 'c1', queueId: 'q' }, 0);
  t.same(acd.dispatch(10_000), [], 'billing relaxed, spanish not yet');
  t.same(pairs(acd.dispatch(30_000)), [['c1', 'a1']]);
});

t.test('only Ready agents with a registered softphone and no call are offered calls', async (t) => {
  const acd = makeAcd(
    {
      queues: [queue('q', 's', { wrapUpSeconds: 60 })],
      agents: ['loggedOut', 'notReady', 'offline', 'reserved', 'onCall', 'wrapUp', 'ready'].map((id) => agent(id, { s: 10 })),
    },
    0,
  );
  acd.setAgentState('notReady', { state: 'NotReady', reason: 'break' }, 0);
  goReady(acd, 'offline', 0);
  acd.setDeviceRegistered('offline', false, 1);
  for (const id of ['reserved', 'onCall', 'wrapUp']) goReady(acd, id, 2);
  for (const id of ['r1', 'r2', 'r3']) acd.enqueue({ id, queueId: 'q' }, 3);
  t.same(pairs(acd.dispatch(3)), [['r1', 'onCall'], ['r2', 'reserved'], ['r3', 'wrapUp']]);
  acd.answer('r1', 4);
  acd.answer('r3', 4);
  acd.endCall('wrapUp', 5);
  t.same(
    ['loggedOut', 'notReady', 'offline', 'reserved', 'onCall', 'wrapUp'].map((id) => acd.agent(id).state),
    ['LoggedOut', 'NotReady', 'NotReady', 'Reserved', 'OnCall', 'WrapUp'],
  );
  acd.enqueue({ id: 'c1', queueId: 'q' }, 6);
  t.same(acd.dispatch(6), [], 'nobody can take it');
  goReady(acd, 'ready', 7);
  t.same(pairs(acd.dispatch(7)), [['c1', 'ready']]);
});
