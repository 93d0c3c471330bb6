import t from 'tap';
import { agent, goReady, makeAcd, queue } from './fixtures/acd.js';

t.test('a callback keeps its place: no max wait, served before later callers', async (t) => {
  const acd = makeAcd({ queues: [queue('q', 's', { maxWaitSeconds: 30, overflow: { kind: 'goodbye' } })], agents: [agent('a1', { s: 5 })] });
  acd.enqueue({ id: 'first', queueId: 'q' }, 0);
  acd.enqueue({ id: 'second', queueId: 'q' }, 1_000);
  acd.enqueue({ id: 'third', queueId: 'q' }, 2_000);
  acd.holdPlace('first', 5_000);
  t.equal(acd.position('first'), 1, 'the place is the same');
  t.same(acd.expire(40_000).overflows.map((o) => o.callId), ['second', 'third'], 'the callers on the line overflow; the callback does not');
  t.equal(acd.nextDeadline(), undefined, 'no timer is left for it');
  goReady(acd, 'a1', 41_000);
  t.same(acd.dispatch(41_000).map((o) => o.callId), ['first']);
});

t.test('a callback coming back into line takes the place it had, still without max wait', async (t) => {
  const acd = makeAcd({ queues: [queue('q', 's', { maxWaitSeconds: 30 })], agents: [agent('a1', { s: 5 })] });
  acd.enqueue({ id: 'early', queueId: 'q' }, 0);
  acd.holdPlace('early', 1_000);
  goReady(acd, 'a1', 2_000);
  acd.dispatch(2_000);
  acd.abandon('early', 3_000);
  acd.setAgentState('a1', { state: 'NotReady', reason: 'break' }, 3_000);
  acd.enqueue({ id: 'late', queueId: 'q' }, 4_000);
  t.match(acd.enqueue({ id: 'early', queueId: 'q', waitingSince: 0, holdsPlace: true }, 10_000), { accepted: true, position: 1 }, 'ahead of the later caller');
  t.equal(acd.call('early').enqueuedAt, 0);
  t.same(acd.expire(100_000).overflows.map((o) => o.callId), ['late']);
  t.throws(() => acd.enqueue({ id: 'future', queueId: 'q', waitingSince: 200_000 }, 100_000), { code: 'INVALID_ARGUMENT' }, 'a wait cannot begin later than now');
  t.throws(() => acd.holdPlace('nobody', 100_000), { code: 'UNKNOWN_CALL' });
});
