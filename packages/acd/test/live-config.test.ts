import t from 'tap';
import { agent, goReady, makeAcd, pairs, queue } from './fixtures/acd.js';

t.test('a new agent starts logged out with its softphone unregistered', async (t) => {
  const acd = makeAcd({}, 5);
  acd.upsertAgent(agent('a1', { s: 3 }), 10);
  t.same(acd.agent('a1'), { id: 'a1', state: 'LoggedOut', since: 10, deviceRegistered: false, idleSince: 10 });
});

t.test('changing a Ready agent’s skills re-routes it at once', async (t) => {
  const acd = makeAcd({ queues: [queue('q', 'billing')], agents: [agent('a1', { sales: 5 })] });
  goReady(acd, 'a1', 0);
  acd.enqueue({ id: 'c1', queueId: 'q' }, 10);
  t.same(acd.dispatch(10), []);
  acd.upsertAgent(agent('a1', { billing: 4 }), 20);
  t.match(acd.agent('a1'), { state: 'Ready', idleSince: 0 }, 'idle time is kept');
  t.same(pairs(acd.dispatch(20)), [['c1', 'a1']]);
});

t.test('skills changed while not Ready apply when the agent comes back', async (t) => {
  const acd = makeAcd({ queues: [queue('q', 'billing')], agents: [agent('a1', { sales: 5 })] });
  acd.upsertAgent(agent('a1', { billing: 4 }), 1);
  acd.enqueue({ id: 'c1', queueId: 'q' }, 2);
  goReady(acd, 'a1', 3);
  t.same(pairs(acd.dispatch(3)), [['c1', 'a1']]);
  acd.upsertAgent(agent('a1', { sales: 4 }), 4);
  acd.answer('c1', 5);
  acd.endCall('a1', 6);
  acd.enqueue({ id: 'c2', queueId: 'q' }, 7);
  t.same(acd.dispatch(7), [], 'the ringing agent took its new skills along');
});

t.test('a queue added or changed at runtime is routed with its new rules', async (t) => {
  const acd = makeAcd({ queues: [queue('q', 's')], agents: [agent('a1', { s: 3, t: 9 })] });
  goReady(acd, 'a1', 0);
  acd.upsertQueue({ id: 'strict', skills: [{ skill: 's', minLevel: 8, expansion: [{ afterSeconds: 30, minLevel: 3 }] }] }, 0);
  acd.enqueue({ id: 'c1', queueId: 'strict' }, 0);
  t.same(acd.dispatch(0), []);
  t.equal(acd.nextDeadline(), 30_000);
  acd.upsertQueue({ id: 'strict', skills: [{ skill: 's', minLevel: 8, expansion: [{ afterSeconds: 10, minLevel: 3 }] }], maxWaitSeconds: 60 }, 5_000);
  t.equal(acd.nextDeadline(), 10_000, 'expansion rescheduled from the new steps');
  t.same(acd.dispatch(9_999), []);
  t.same(pairs(acd.dispatch(10_000)), [['c1', 'a1']]);
});

t.test('changing a queue re-checks its waiting calls straight away', async (t) => {
  const acd = makeAcd({ queues: [queue('q', 'fr')], agents: [agent('a1', { es: 5 })] });
  goReady(acd, 'a1', 0);
  acd.enqueue({ id: 'c1', queueId: 'q' }, 1);
  acd.enqueue({ id: 'c2', queueId: 'q' }, 2);
  t.same(acd.dispatch(2), []);
  acd.upsertQueue(queue('q', 'es', { maxWaitSeconds: 100 }), 3);
  t.same(pairs(acd.dispatch(3)), [['c1', 'a1']]);
  t.equal(acd.nextDeadline(), 3 + 15_000, 'ring timeout first');
  acd.answer('c1', 4);
  t.equal(acd.nextDeadline(), 100_002, 'the new max wait applies to the call still waiting');
});

t.test('a queue added at runtime routes its calls to agents already Ready', async (t) => {
  const acd = makeAcd({ queues: [queue('q', 's')], agents: [agent('a1', { s: 3, vip: 9 })] });
  goReady(acd, 'a1', 0);
  acd.upsertQueue(queue('vip', 'vip', { overflow: { kind: 'queue', queueId: 'q' } }), 1);
  acd.enqueue({ id: 'c1', queueId: 'vip' }, 2);
  t.same(pairs(acd.dispatch(2)), [['c1', 'a1']]);
  t.throws(() => acd.upsertQueue(queue('x', 's', { overflow: { kind: 'queue', queueId: 'nowhere' } }), 3), {
    code: 'INVALID_CONFIG',
    message: /unknown queue nowhere/,
  });
});

t.test('queue weight changes apply to calls already waiting', async (t) => {
  const acd = makeAcd({ queues: [queue('a', 's'), queue('b', 's')], agents: [agent('a1', { s: 3 })] });
  acd.enqueue({ id: 'a-call', queueId: 'a' }, 0);
  acd.enqueue({ id: 'b-call', queueId: 'b' }, 1);
  acd.upsertQueue(queue('b', 's', { weight: 2 }), 2);
  goReady(acd, 'a1', 3);
  t.same(pairs(acd.dispatch(3)), [['b-call', 'a1']]);
});

t.test('enqueue validates its input', async (t) => {
  const acd = makeAcd({ queues: [queue('q', 's')] });
  acd.enqueue({ id: 'c1', queueId: 'q' }, 0);
  t.throws(() => acd.enqueue({ id: 'c1', queueId: 'q' }, 0), { code: 'DUPLICATE_CALL' });
  t.throws(() => acd.enqueue({ id: '', queueId: 'q' }, 0), { code: 'INVALID_ARGUMENT', message: /call\.id/ });
  t.throws(() => acd.enqueue({ id: 'c2', queueId: 'q', priority: NaN }, 0), { code: 'INVALID_ARGUMENT', message: /priority/ });
  t.throws(() => acd.enqueue({ id: 'c2', queueId: 'nope' }, 0), { code: 'UNKNOWN_QUEUE' });
  t.throws(() => acd.waitingCalls('nope'), { code: 'UNKNOWN_QUEUE' });
});

t.test('reading: calls and queues as a wallboard sees them', async (t) => {
  const acd = makeAcd({ queues: [queue('q', 's')], agents: [agent('a1', { s: 3 })] });
  acd.enqueue({ id: 'c1', queueId: 'q' }, 0);
  acd.enqueue({ id: 'c2', queueId: 'q', priority: 1 }, 10);
  t.same(acd.waitingCalls('q'), [
    { id: 'c2', queueId: 'q', priority: 1, enqueuedAt: 10 },
    { id: 'c1', queueId: 'q', priority: 0, enqueuedAt: 0 },
  ]);
  goReady(acd, 'a1', 20);
  acd.dispatch(20);
  t.same(acd.call('c2'), { id: 'c2', queueId: 'q', priority: 1, enqueuedAt: 10, offeredTo: 'a1' });
  t.same(acd.agent('a1'), { id: 'a1', state: 'Reserved', since: 20, deviceRegistered: true, idleSince: 20, callId: 'c2' });
  t.same(acd.waitingCalls('q').map((call) => call.id), ['c1']);
});

t.test('nextDeadline is undefined when nothing is scheduled', async (t) => {
  const acd = makeAcd({ queues: [queue('q', 's')] });
  t.equal(acd.nextDeadline(), undefined);
  acd.enqueue({ id: 'c1', queueId: 'q' }, 0);
  t.equal(acd.nextDeadline(), undefined, 'no expansion, no max wait');
});
