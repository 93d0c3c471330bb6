import t from 'tap';
import { explainStanding, type StateInterval } from '@hotline/acd';
import pino from 'pino';
import { RoutingService } from '../src/features/routing/routing-service.js';
import { demoAgents, demoQueues } from '../src/demo/demo-config.js';

// The routing engine as the service drives it: what an offer carries, what an announcement's wait
// estimate is built from, and an offer's standing rebuilt after the fact from agent states.
const general = { id: '', queueId: 'general', priority: 0 };
const setup = () => {
  const written: StateInterval[] = [];
  const pending: StateInterval[] = [];
  const sink = { add: (interval: StateInterval) => void written.push(interval), covering: (at: number) => pending.filter((i) => i.from <= at && at < i.to) };
  const router = new RoutingService(demoQueues, demoAgents, sink, pino({ level: 'silent' }), 0);
  for (const id of ['1001', '1002', '1003', '1004']) router.setDeviceRegistered(id, true, 0);
  return { router, written, pending };
};

t.test('an offer carries the pick and the thresholds, not everyone else', async (t) => {
  const { router } = setup();
  router.setAgentState('1002', { state: 'Ready' }, 1_000);
  router.setAgentState('1003', { state: 'Ready' }, 2_000);
  router.enqueue({ ...general, id: 'c1' }, 3_000);
  const [offer] = router.dispatch(3_000);
  t.same(offer, {
    callId: 'c1',
    agentId: '1002',
    queueId: 'general',
    rationale: {
      callId: 'c1',
      queueId: 'general',
      strategy: 'longest-idle',
      at: 3_000,
      waitedMs: 0,
      thresholds: [{ skill: 'general', minLevel: 1 }],
      offeredTo: '1002',
      picked: { agentId: '1002', skillScore: 6, idleSince: 1_000 },
    },
  });
  t.ok(JSON.stringify(offer?.rationale).length < 400, 'a few hundred bytes whatever the number of agents');
});

t.test('a wait estimate counts the agents who could take the call: Ready now, talking, wrapping up', async (t) => {
  const { router } = setup();
  for (const id of ['1001', '1002', '1003']) router.setAgentState(id, { state: 'Ready' }, 0);
  router.enqueue({ ...general, id: 'talked' }, 1_000);
  router.enqueue({ ...general, id: 'wrapped' }, 1_000);
  const offers = router.dispatch(1_000);
  t.same(offers.map((o) => o.agentId), ['1001', '1002']);
  router.answered('talked', 2_000);
  router.answered('wrapped', 2_000);
  router.ended({ id: 'wrapped', agentId: '1002', talked: true }, 5_000);
  router.enqueue({ ...general, id: 'waiting' }, 6_000);
  router.setAgentState('1003', { state: 'NotReady', reason: 'lunch' }, 6_000);
  // 1001 talking for 8 s of a 180 s handle time; 1002 wrapping up until 15 s; 1003 at lunch; 1004 has no general skill.
  t.same(router.freeInSecs('waiting', 10_000, 180), [172, 5]);
  t.same(router.freeInSecs('talked', 10_000, 180), undefined, 'a call the router no longer holds');
});

t.test("an offer's standing is rebuilt from the states of that moment: stored, not yet written, still open", async (t) => {
  const { router, written, pending } = setup();
  router.setAgentState('1001', { state: 'NotReady', reason: 'lunch' }, 500);
  router.setAgentState('1002', { state: 'Ready' }, 1_000);
  router.setAgentState('1003', { state: 'Ready' }, 2_000);
  router.enqueue({ ...general, id: 'c1' }, 3_000);
  const [offer] = router.dispatch(3_000);
  if (!offer) throw new Error('no offer');
  // Later: 1003 goes to training and 1001 comes back; neither is how they stood at the offer.
  router.setAgentState('1003', { state: 'NotReady', reason: 'training' }, 4_000);
  router.setAgentState('1001', { state: 'Ready' }, 4_500);
  const stored = written.filter((i) => i.agentId === '1003');
  pending.push(...written.filter((i) => i.agentId === '1001'));
  const why = explainStanding(offer.rationale, router.standingsAt(offer.rationale.at, stored));
  t.same(why.candidates, [{ agentId: '1003', skillScore: 5, idleSince: 2_000 }], '1003 was Ready then (from a stored interval)');
  t.same(Object.fromEntries(why.skipped.map((s) => [s.agentId, s.reason])), {
    1001: { kind: 'not-ready', reason: 'lunch' },
    1004: { kind: 'skill-below-threshold', skill: 'general', level: 0, required: 1 },
  }, '1001 at lunch then (an interval not yet written), 1004 without the skill (still open)');
  pending.length = 0;
  t.same(router.standingsAt(3_000, []).map((s) => s.id), ['1002', '1004'], 'an agent whose state then is nowhere is left out');
});

t.test('work is announced for changes from outside the call flow, never in the middle of taking a call back', async (t) => {
  const { router } = setup();
  let announced = 0;
  router.onWorkAvailable(() => void announced++);
  router.setAgentState('1002', { state: 'Ready' }, 1_000);
  router.setDeviceRegistered('1003', false, 1_000);
  router.upsertAgent({ ...(demoAgents[2] as (typeof demoAgents)[number]) }, 1_000);
  t.equal(announced, 3, 'a state, a phone, a configuration');
  router.enqueue({ ...general, id: 'c1' }, 2_000);
  router.dispatch(2_000);
  router.answered('c1', 2_000);
  router.ended({ id: 'c1', agentId: '1002', talked: true }, 3_000);
  t.equal(announced, 3, "the call flow's own steps dispatch themselves");
  router.enqueue({ ...general, id: 'waiting' }, 3_500);
  let clock = 4_000;
  router.onWorkAvailable(() => void router.dispatch(clock));
  t.ok(router.restoreTalking({ ...general, id: 'restored' }, '1001', 4_000), 'the agent is put back on their call, not offered the waiting one');
  t.equal(router.agent('1001')?.callId, 'restored');
  clock = 5_000;
  router.settleLost({ id: 'restored', agentId: '1001', talked: true }, 5_000);
  t.equal(announced, 4, 'a lost call settled frees its agent for work');
});
