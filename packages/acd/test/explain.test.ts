import t from 'tap';
import { DEVICE_OFFLINE, explainStanding, type AgentStanding } from '../src/index.js';
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

t.test('an offer carries its rationale: the pick, its ordering keys and the thresholds, without anyone else', async (t) => {
  const acd = setup('best-skill');
  acd.enqueue({ id: 'c1', queueId: 'q' }, 2_000);
  const [offer] = acd.dispatch(32_000);
  t.same(offer?.rationale, {
    callId: 'c1',
    queueId: 'q',
    strategy: 'best-skill',
    at: 32_000,
    waitedMs: 30_000,
    thresholds: [{ skill: 's', minLevel: 3 }],
    offeredTo: 'ready-9',
    picked: { agentId: 'ready-9', skillScore: 9, idleSince: 100 },
  });
  t.same(acd.offerTo({ id: 'direct', queueId: 'q' }, 'ready-8', 32_000).rationale.picked, { agentId: 'ready-8', skillScore: 8, idleSince: 0 }, 'a direct offer too');
});

t.test('a standing rebuilt from agents as they stood: same rules, the offered agent left out', async (t) => {
  const skills = (level: number) => new Map([['s', level]]);
  const at = (id: string, state: AgentStanding['state'], idleSince: number, extra: Partial<AgentStanding> = {}): AgentStanding => ({
    id,
    skills: skills(9),
    state,
    registered: true,
    idleSince,
    wrapUpUntil: null,
    callId: null,
    ...extra,
  });
  const moment = { callId: 'c', queueId: 'q', strategy: 'best-skill' as const, at: 5_000, waitedMs: 0, thresholds: [{ skill: 's', minLevel: 7 }], offeredTo: 'picked' };
  const why = explainStanding(moment, [
    at('picked', 'Reserved', 0),
    at('idle-long', 'Ready', 100, { skills: skills(8) }),
    at('idle-short', 'Ready', 900),
    at('low', 'Ready', 0, { skills: skills(2) }),
    at('lunch', 'NotReady', 0, { reason: 'lunch' }),
    at('gone', 'NotReady', 0, { reason: DEVICE_OFFLINE }),
    at('wrapping', 'WrapUp', 0, { wrapUpUntil: 9_000 }),
    at('talking', 'OnCall', 0, { callId: 'other' }),
  ]);
  t.same(why.candidates.map((c) => c.agentId), ['idle-short', 'idle-long'], 'best skill first, then longest idle');
  t.same(Object.fromEntries(why.skipped.map((s) => [s.agentId, s.reason])), {
    low: { kind: 'skill-below-threshold', skill: 's', level: 2, required: 7 },
    lunch: { kind: 'not-ready', reason: 'lunch' },
    gone: { kind: 'device-offline' },
    wrapping: { kind: 'wrap-up', until: 9_000 },
    talking: { kind: 'busy', state: 'OnCall', callId: 'other' },
  });
  t.equal(why.offeredTo, 'picked');
  t.same(explainStanding(moment, [at('idle-short', 'Ready', 900)], 0).candidates, [], 'lists capped');
});

t.test('the agents who could take a call by skill, in any state, from the queue roster alone', async (t) => {
  const acd = setup();
  acd.enqueue({ id: 'c1', queueId: 'q' }, 2_000);
  const ids = (at: number) => acd.qualifiedAgents('c1', at).map((a) => `${a.id}:${a.state}`).sort();
  t.same(ids(2_000), ['lunch:NotReady', 'offline:NotReady', 'out:LoggedOut', 'ready-8:Ready', 'ready-9:Ready', 'wrapping:WrapUp']);
  t.ok(ids(33_000).includes('low-4:Ready'), 'after expansion the lower level qualifies too');
  t.notOk(ids(33_000).some((id) => id.startsWith('unskilled')), 'never an agent without the skill');
});
