import t from 'tap';
import type { AgentBelief, CallBelief, Drift, StasisChannel } from '../src/features/self-healing/drift.js';
import { Reconciler } from '../src/features/self-healing/reconciler.js';

/** A reconciler over beliefs and channels the test sets between passes. */
function harness() {
  const world = { calls: [] as CallBelief[], agents: [] as AgentBelief[], channels: new Set<string>(), inStasis: [] as StasisChannel[] };
  const corrected: Drift[] = [];
  const recorded: Record<string, unknown>[] = [];
  let now = 1_000;
  const reconciler = new Reconciler({
    beliefs: () => ({ calls: world.calls, agents: world.agents }),
    channels: async () => ({ all: new Set(world.channels), inStasis: [...world.inStasis] }),
    correct: async (drift) => void corrected.push(drift),
    record: async (_drift, evidence) => void recorded.push(evidence),
    now: () => (now += 5_000),
  });
  return { world, corrected, recorded, reconciler };
}
const waiting: CallBelief = { id: 'c1', state: 'waiting', callerChannelId: 'ch1', agentChannelId: null, agentId: null, callback: false, enqueuedAt: 0 };

t.test('a difference seen once is only suspected; seen again it is corrected and recorded with its evidence', async (t) => {
  const { world, corrected, recorded, reconciler } = harness();
  world.calls = [waiting];
  t.same(await reconciler.pass(), [], 'first sight: nothing done');
  t.equal(corrected.length, 0);
  const done = await reconciler.pass();
  t.same(done.map((d) => d.kind), ['caller-gone']);
  t.same(corrected.map((d) => d.kind), ['caller-gone']);
  t.match(recorded[0], { kind: 'caller-gone', channelId: 'ch1', believed: 'waiting', firstSeenAt: '1970-01-01T00:00:06.000Z', channelsInAsterisk: 0 });
});

t.test('a difference that settles between passes (an event that was only late) is never corrected', async (t) => {
  const { world, corrected, reconciler } = harness();
  world.calls = [{ ...waiting, state: 'ringing', agentChannelId: 'leg', agentId: '1001' }];
  world.channels = new Set(['ch1']); // the agent leg is still being created
  await reconciler.pass();
  world.channels = new Set(['ch1', 'leg']);
  await reconciler.pass();
  await reconciler.pass();
  t.same(corrected, []);
});

t.test('a suspicion not confirmed by the very next pass starts over', async (t) => {
  const { world, corrected, reconciler } = harness();
  world.calls = [waiting];
  await reconciler.pass();
  world.channels = new Set(['ch1']);
  await reconciler.pass();
  world.channels = new Set();
  await reconciler.pass();
  t.same(corrected, [], 'seen, gone, seen again: only suspected');
  await reconciler.pass();
  t.equal(corrected.length, 1);
});

t.test('passes asked for at once share one reading of Asterisk', async (t) => {
  const { reconciler } = harness();
  t.equal(reconciler.pass(), reconciler.pass());
});

t.test('a caller waiting in our Stasis app that no call of ours knows is taken on the second pass', async (t) => {
  const { world, corrected, recorded, reconciler } = harness();
  const orphan: StasisChannel = { id: 'ch9', name: 'PJSIP/trunk-9', state: 'Up', callerNumber: '5550909', dialedExten: '7000', args: ['inbound', '7000'] };
  world.channels = new Set(['ch9']);
  world.inStasis = [orphan];
  t.same(await reconciler.pass(), [], 'first sight: its StasisStart may still be on its way');
  t.same((await reconciler.pass()).map((d) => d.kind), ['unknown-caller']);
  t.match(corrected[0], { kind: 'unknown-caller', channel: orphan });
  t.match(recorded[0], { kind: 'unknown-caller', channel: { id: 'ch9', callerNumber: '5550909' }, channelsInAsterisk: 1 });
  world.calls = [{ ...waiting, callerChannelId: 'ch9' }];
  t.same(await reconciler.pass(), [], 'once taken, nothing is left to correct');
});

t.test('a call stuck greeting is put right on the second pass, and only once', async (t) => {
  const { world, corrected, reconciler } = harness();
  world.channels = new Set(['ch1']);
  world.calls = [{ ...waiting, state: 'greeting', enqueuedAt: -120_000 }];
  t.same(await reconciler.pass(), []);
  t.same((await reconciler.pass()).map((d) => d.kind), ['greeting-stuck']);
  world.calls = [{ ...waiting, enqueuedAt: -120_000 }];
  t.same(await reconciler.pass(), [], 'waiting now: nothing more to do');
  t.equal(corrected.length, 1);
});
