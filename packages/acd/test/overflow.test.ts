import t from 'tap';
import { agent, goReady, makeAcd, queue } from './fixtures/acd.js';

t.test('a full queue refuses the next caller with its overflow target', async (t) => {
  const acd = makeAcd({ queues: [queue('q', 's', { maxWaiting: 2, overflow: { kind: 'goodbye' } })], agents: [agent('a1', { s: 5 })] });
  t.match(acd.enqueue({ id: 'c1', queueId: 'q' }, 0), { accepted: true });
  t.match(acd.enqueue({ id: 'c2', queueId: 'q' }, 0), { accepted: true });
  t.same(acd.enqueue({ id: 'c3', queueId: 'q' }, 0), {
    accepted: false,
    overflow: { callId: 'c3', queueId: 'q', reason: 'queue-full', target: { kind: 'goodbye' } },
  });
  t.throws(() => acd.call('c3'), { code: 'UNKNOWN_CALL' }, 'a refused call is not kept');

  goReady(acd, 'a1', 1);
  acd.dispatch(1);
  t.match(acd.enqueue({ id: 'c4', queueId: 'q' }, 2), { accepted: true }, 'a ringing call does not count as waiting');
  acd.declineOffer('c1', 3);
  t.same(acd.waitingCalls('q').map((call) => call.id), ['c1', 'c2', 'c4'], 'a returning call gets back in even when the queue is full');
});

t.test('calls past max wait overflow to the configured target and leave the engine', async (t) => {
  const acd = makeAcd({
    queues: [
      queue('toQueue', 's', { maxWaitSeconds: 60, overflow: { kind: 'queue', queueId: 'backup' } }),
      queue('toVoicemail', 's', { maxWaitSeconds: 30 }),
      queue('toGoodbye', 's', { maxWaitSeconds: 45, overflow: { kind: 'goodbye' } }),
      queue('backup', 'backup'),
    ],
  });
  acd.enqueue({ id: 'q1', queueId: 'toQueue' }, 0);
  acd.enqueue({ id: 'v1', queueId: 'toVoicemail' }, 0);
  acd.enqueue({ id: 'g1', queueId: 'toGoodbye' }, 0);
  acd.enqueue({ id: 'v2', queueId: 'toVoicemail' }, 10_000);
  t.equal(acd.nextDeadline(), 30_000);
  t.same(acd.expire(29_999).overflows, []);
  t.same(acd.expire(50_000).overflows, [
    { callId: 'v1', queueId: 'toVoicemail', reason: 'max-wait', target: { kind: 'voicemail' } },
    { callId: 'v2', queueId: 'toVoicemail', reason: 'max-wait', target: { kind: 'voicemail' } },
    { callId: 'g1', queueId: 'toGoodbye', reason: 'max-wait', target: { kind: 'goodbye' } },
  ]);
  const [toBackup] = acd.expire(60_000).overflows;
  t.same(toBackup, { callId: 'q1', queueId: 'toQueue', reason: 'max-wait', target: { kind: 'queue', queueId: 'backup' } });
  t.throws(() => acd.call('q1'), { code: 'UNKNOWN_CALL' });
  t.same(acd.enqueue({ id: 'q1', queueId: 'backup' }, 60_000), { accepted: true, position: 1 }, 'the service moves it on');
  t.equal(acd.nextDeadline(), undefined);
});

t.test('a ringing call does not overflow; if it comes back past its max wait it overflows then', async (t) => {
  const acd = makeAcd({ queues: [queue('q', 's', { maxWaitSeconds: 20, ringTimeoutSeconds: 15 })], agents: [agent('a1', { s: 5 })] });
  acd.enqueue({ id: 'c1', queueId: 'q' }, 0);
  goReady(acd, 'a1', 10_000);
  t.equal(acd.dispatch(10_000).length, 1);
  t.same(acd.expire(20_000).overflows, [], 'still ringing at its max wait');
  const expired = acd.expire(25_000);
  t.same(
    expired.missedOffers.map((offer) => offer.callId),
    ['c1'],
  );
  t.same(expired.overflows, [{ callId: 'c1', queueId: 'q', reason: 'max-wait', target: { kind: 'voicemail' } }]);
  t.throws(() => acd.call('c1'), { code: 'UNKNOWN_CALL' });
});

t.test('an answered or abandoned call never overflows later', async (t) => {
  const acd = makeAcd({ queues: [queue('q', 's', { maxWaitSeconds: 20 })], agents: [agent('a1', { s: 5 })] });
  acd.enqueue({ id: 'c1', queueId: 'q' }, 0);
  acd.enqueue({ id: 'c2', queueId: 'q' }, 0);
  goReady(acd, 'a1', 1);
  acd.dispatch(1);
  acd.answer('c1', 2);
  acd.abandon('c2', 3);
  t.same(acd.expire(60_000), { overflows: [], missedOffers: [], wrapUpsEnded: [] });
});
