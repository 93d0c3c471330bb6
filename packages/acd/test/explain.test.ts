import t from 'tap';
import { agent, goReady, makeAcd } from './fixtures/acd.js';

// A queue asking for skill s at level 7, expanding to 3 after 30 s, wrap-up 20 s.
const setup = (strategy: 'longest-idle' | 'best-skill' = 'longest-idle') => {
  const acd = makeAcd(
    {
      queues: [{ id: 'q', strategy, wrapUpSeconds: 20, skills: [{ skill: 's', minLevel: 7, expansion: [{ afterSeconds: 30, minLevel: 3 }] }] }],
      agents: [
        agent('ready-8', { s: 8 }),
        agent('ready-9', { s: 9 }),
        agent('low-4', { s: 4 }),
        agent('lunch', { s: 9 }),
        agent('offline', { s: 9 }),
        agent('wrapping', { s: 9 }),
        agent('out', { s: 9 }),
        agent('unskilled', { other: 10 }),
      ],
    },
    0,
  );
  for (const id of ['ready-8', 'low-4', 'lunch', 'offline', 'wrapping']) goReady(acd, id, 0);
  goReady(acd, 'ready-9', 100);
  acd.setAgentState('lunch', { state: 'NotReady', reason: 'lunch' }, 200);
  acd.setDeviceRegistered('offline', false, 300);
  acd.offerTo({ id: 'earlier', queueId: 'q' }, 'wrapping', 400);
  acd.answer('earlier', 500);
  acd.endCall('wrapping', 1_000);
  return acd;
};

t.test('a waiting call: the candidates in the order they would be picked, and why each other agent is not one', async (t) => {
  const acd = setup();
  // Nobody is dispatched: read the standing for a call that has just arrived.
  acd.enqueue({ id: 'c1', queueId: 'q' }, 2_000);
  const why = acd.explain('c1', 2_000);
  t.match(why, { callId: 'c1', queueId: 'q', strategy: 'longest-idle', waitedMs: 0, thresholds: [{ skill: 's', minLevel: 7 }], offeredTo: null });
  t.same(why.candidates.map((c) => c.agentId), ['ready-8', 'ready-9'], 'longest idle first');
  const reasons = Object.fromEntries(why.skipped.map((s) => [s.agentId, s.reason]));
  t.same(reasons, {
    'low-4': { kind: 'skill-below-threshold', skill: 's', level: 4, required: 7 },
    lunch: { kind: 'not-ready', reason: 'lunch' },
    offline: { kind: 'device-offline' },
    wrapping: { kind: 'wrap-up', until: 21_000 },
    out: { kind: 'logged-out' },
    unskilled: { kind: 'skill-below-threshold', skill: 's', level: 0, required: 7 },
  });
  t.same(why.skippedCounts, { 'skill-below-threshold': 2, 'not-ready': 1, 'device-offline': 1, 'wrap-up': 1, 'logged-out': 1 });
});

t.test('after expansion the lower-skilled agent becomes a candidate', async (t) => {
  const acd = setup();
  acd.setAgentState('ready-8', { state: 'NotReady', reason: 'training' }, 1_500);
  acd.setAgentState('ready-9', { state: 'NotReady', reason: 'training' }, 1_500);
  acd.enqueue({ id: 'c1', queueId: 'q' }, 2_000);
  t.same(acd.explain('c1', 31_000).candidates.map((c) => c.agentId), []);
  t.same(acd.explain('c1', 33_000).thresholds, [{ skill: 's', minLevel: 3 }]);
  // Candidates are judged by the ready-agent rules, not by who a dispatch already took.
  t.match(acd.explain('c1', 33_000).candidates, [{ agentId: 'low-4', skillScore: 4 }]);
});

t.test('an offered call names its agent; the others are listed by the key the strategy orders by', async (t) => {
  const acd = setup('best-skill');
  acd.enqueue({ id: 'c1', queueId: 'q' }, 2_000);
  const [offer] = acd.dispatch(2_000);
  t.match(offer, { callId: 'c1', agentId: 'ready-9' }, 'best skill wins');
  const why = acd.explain('c1', 2_000);
  t.equal(why.offeredTo, 'ready-9');
  t.same(why.candidates, [{ agentId: 'ready-8', skillScore: 8, idleSince: 0 }], 'the runner-up and why it lost: a lower score');
  t.notOk(why.skipped.some((s) => s.agentId === 'ready-9'), 'the chosen agent is not listed as skipped');
});

t.test('a busy agent is named with the call they are on', async (t) => {
  const acd = setup();
  acd.enqueue({ id: 'c1', queueId: 'q' }, 2_000);
  acd.dispatch(2_000);
  acd.enqueue({ id: 'c2', queueId: 'q' }, 2_100);
  acd.dispatch(2_100);
  const skipped = acd.explain('c2', 2_200).skipped.filter((s) => s.reason.kind === 'busy');
  t.same(skipped.map((s) => s.reason), [{ kind: 'busy', state: 'Reserved', callId: 'c1' }]);
});
