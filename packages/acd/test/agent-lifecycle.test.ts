import t from 'tap';
import { DEFAULT_NOT_READY_REASONS, DEVICE_OFFLINE, MISSED_CALL } from '../src/index.js';
import type { StateInterval } from '../src/index.js';
import { agent, goReady, makeAcd, pairs, queue } from './fixtures/acd.js';

const skilled = (id: string): ReturnType<typeof agent> => agent(id, { s: 5 });

t.test('a whole shift leaves a gapless chain of intervals', async (t) => {
  const acd = makeAcd({ queues: [queue('q', 's', { wrapUpSeconds: 30 })], agents: [skilled('a1')] }, 0);
  const intervals: (StateInterval | undefined)[] = [];
  intervals.push(acd.setDeviceRegistered('a1', true, 500));
  intervals.push(acd.setAgentState('a1', { state: 'Ready' }, 1_000));
  acd.enqueue({ id: 'c1', queueId: 'q' }, 2_000);
  intervals.push(acd.dispatch(2_000)[0]?.interval);
  intervals.push(acd.answer('c1', 5_000));
  intervals.push(acd.endCall('a1', 65_000));
  t.match(acd.agent('a1'), { state: 'WrapUp', callId: 'c1', wrapUpEndsAt: 95_000 });
  const expired = acd.expire(95_000);
  intervals.push(...expired.wrapUpsEnded);
  intervals.push(acd.setAgentState('a1', { state: 'NotReady', reason: 'lunch' }, 100_000));
  intervals.push(acd.setAgentState('a1', { state: 'LoggedOut' }, 200_000));
  t.same(intervals, [
    undefined,
    { agentId: 'a1', state: 'LoggedOut', from: 0, to: 1_000 },
    { agentId: 'a1', state: 'Ready', from: 1_000, to: 2_000 },
    { agentId: 'a1', state: 'Reserved', from: 2_000, to: 5_000 },
    { agentId: 'a1', state: 'OnCall', from: 5_000, to: 65_000 },
    { agentId: 'a1', state: 'WrapUp', from: 65_000, to: 95_000 },
    { agentId: 'a1', state: 'Ready', from: 95_000, to: 100_000 },
    { agentId: 'a1', state: 'NotReady', reason: 'lunch', from: 100_000, to: 200_000 },
  ]);
  t.same(acd.agent('a1'), { id: 'a1', state: 'LoggedOut', since: 200_000, deviceRegistered: true, idleSince: 95_000 });
});

t.test('not-ready reasons come from configuration; system reasons cannot be picked', async (t) => {
  const acd = makeAcd({ agents: [skilled('a1'), skilled('a2')] });
  t.same(DEFAULT_NOT_READY_REASONS, ['break', 'lunch', 'training', 'meeting', 'other']);
  for (const reason of DEFAULT_NOT_READY_REASONS) {
    acd.setAgentState('a1', { state: 'NotReady', reason }, 0);
  }
  t.equal(acd.agent('a1').reason, 'other');
  for (const reason of ['coffee', MISSED_CALL, DEVICE_OFFLINE]) {
    t.throws(() => acd.setAgentState('a2', { state: 'NotReady', reason }, 0), { code: 'UNKNOWN_REASON' }, reason);
  }
  const custom = makeAcd({ agents: [skilled('a1')], notReadyReasons: ['coaching'] });
  custom.setAgentState('a1', { state: 'NotReady', reason: 'coaching' }, 0);
  t.throws(() => custom.setAgentState('a1', { state: 'NotReady', reason: 'break' }, 0), { code: 'UNKNOWN_REASON' });
});

t.test('wrap-up can be ended early, extended, or turned into a break', async (t) => {
  const acd = makeAcd({ queues: [queue('q', 's', { wrapUpSeconds: 20 })], agents: [skilled('a1')] });
  const talk = (id: string, now: number): void => {
    goReady(acd, 'a1', now);
    acd.enqueue({ id, queueId: 'q' }, now);
    acd.dispatch(now);
    acd.answer(id, now);
    acd.endCall('a1', now + 1_000);
  };
  talk('c1', 0);
  t.same(acd.setAgentState('a1', { state: 'Ready' }, 5_000), { agentId: 'a1', state: 'WrapUp', from: 1_000, to: 5_000 }, 'ended early');
  t.same(acd.expire(30_000).wrapUpsEnded, [], 'the timer died with the wrap-up');

  acd.setAgentState('a1', { state: 'NotReady', reason: 'other' }, 30_000);
  talk('c2', 40_000);
  t.equal(acd.extendWrapUp('a1', 15), 76_000);
  t.equal(acd.extendWrapUp('a1', 4), 80_000, 'extensions add up');
  t.equal(acd.nextDeadline(), 80_000);
  t.same(acd.expire(79_999).wrapUpsEnded, []);
  t.same(acd.expire(80_000).wrapUpsEnded, [{ agentId: 'a1', state: 'WrapUp', from: 41_000, to: 80_000 }]);
  t.throws(() => acd.extendWrapUp('a1', 10), { code: 'INVALID_TRANSITION', from: 'Ready', to: 'WrapUp' });

  acd.setAgentState('a1', { state: 'NotReady', reason: 'other' }, 85_000);
  talk('c3', 90_000);
  t.throws(() => acd.extendWrapUp('a1', 0), { code: 'INVALID_ARGUMENT' });
  t.throws(() => acd.extendWrapUp('a1', NaN), { code: 'INVALID_ARGUMENT' });
  acd.setAgentState('a1', { state: 'NotReady', reason: 'break' }, 95_000);
  t.equal(acd.agent('a1').wrapUpEndsAt, undefined);
  talk('c4', 100_000);
  acd.setAgentState('a1', { state: 'LoggedOut' }, 102_000);
  t.same(acd.expire(200_000).wrapUpsEnded, []);
});

t.test('a queue without wrap-up sends the agent straight back to Ready', async (t) => {
  const acd = makeAcd({ queues: [queue('q', 's')], agents: [skilled('a1')] });
  goReady(acd, 'a1', 0);
  acd.enqueue({ id: 'c1', queueId: 'q' }, 0);
  acd.dispatch(0);
  acd.answer('c1', 1);
  t.same(acd.endCall('a1', 10), { agentId: 'a1', state: 'OnCall', from: 1, to: 10 });
  t.same(acd.agent('a1'), { id: 'a1', state: 'Ready', since: 10, deviceRegistered: true, idleSince: 10 });
});

t.test('ring-no-answer: the call goes back to the head of its queue and the agent NotReady(missed call)', async (t) => {
  const acd = makeAcd({ queues: [queue('q', 's', { ringTimeoutSeconds: 10 })], agents: [skilled('a1'), skilled('a2')] });
  goReady(acd, 'a1', 0);
  acd.enqueue({ id: 'c1', queueId: 'q' }, 1_000);
  t.same(pairs(acd.dispatch(1_000)), [['c1', 'a1']]);
  acd.enqueue({ id: 'c2', queueId: 'q' }, 2_000);
  acd.enqueue({ id: 'c3', queueId: 'q' }, 3_000);
  t.equal(acd.nextDeadline(), 11_000);
  t.same(acd.expire(10_999).missedOffers, []);
  const expired = acd.expire(11_000);
  t.same(expired.missedOffers, [
    { callId: 'c1', agentId: 'a1', queueId: 'q', interval: { agentId: 'a1', state: 'Reserved', from: 1_000, to: 11_000 } },
  ]);
  t.match(acd.agent('a1'), { state: 'NotReady', reason: MISSED_CALL });
  t.equal(acd.agent('a1').callId, undefined);
  t.same(acd.call('c1'), { id: 'c1', queueId: 'q', priority: 0, enqueuedAt: 1_000 }, 'keeps its enqueue time');
  t.equal(acd.position('c1'), 1);
  goReady(acd, 'a2', 12_000);
  t.same(pairs(acd.dispatch(12_000)), [['c1', 'a2']], 'served first by the next agent');
});

t.test('declining an offer is a missed call too', async (t) => {
  const acd = makeAcd({ queues: [queue('q', 's')], agents: [skilled('a1')] });
  goReady(acd, 'a1', 0);
  acd.enqueue({ id: 'c1', queueId: 'q' }, 0);
  acd.dispatch(0);
  t.same(acd.declineOffer('c1', 3_000), { agentId: 'a1', state: 'Reserved', from: 0, to: 3_000 });
  t.match(acd.agent('a1'), { state: 'NotReady', reason: MISSED_CALL });
  t.same(acd.expire(60_000).missedOffers, [], 'no ring timeout fires afterwards');
  t.same(acd.dispatch(60_000), [], 'not offered again to the parked agent');
});

t.test('a caller hanging up while ringing frees the agent without losing its place', async (t) => {
  const acd = makeAcd({ queues: [queue('q', 's')], agents: [skilled('a1'), skilled('a2')] });
  goReady(acd, 'a1', 0);
  goReady(acd, 'a2', 10);
  acd.enqueue({ id: 'c1', queueId: 'q' }, 20);
  acd.dispatch(20);
  t.same(acd.abandon('c1', 25), { agentId: 'a1', state: 'Reserved', from: 20, to: 25 });
  t.match(acd.agent('a1'), { state: 'Ready', idleSince: 0 });
  t.throws(() => acd.call('c1'), { code: 'UNKNOWN_CALL' });
  t.same(acd.expire(60_000).missedOffers, [], 'the ring timer is gone');
  acd.enqueue({ id: 'c2', queueId: 'q' }, 60_000);
  t.same(pairs(acd.dispatch(60_000)), [['c2', 'a1']], 'still the longest idle');
});

t.test('a caller hanging up while waiting just leaves the line', async (t) => {
  const acd = makeAcd({ queues: [queue('q', 's')] });
  acd.enqueue({ id: 'c1', queueId: 'q' }, 0);
  acd.enqueue({ id: 'c2', queueId: 'q' }, 1);
  t.equal(acd.abandon('c1', 5), undefined);
  t.equal(acd.position('c2'), 1);
  t.throws(() => acd.abandon('c1', 6), { code: 'UNKNOWN_CALL' });
});

t.test('softphone registration gates offers', async (t) => {
  const acd = makeAcd({ queues: [queue('q', 's')], agents: [skilled('a1')] });
  t.throws(() => acd.setAgentState('a1', { state: 'Ready' }, 0), { code: 'DEVICE_OFFLINE' }, 'no Ready without a softphone');
  t.equal(acd.setDeviceRegistered('a1', false, 0), undefined, 'unchanged');
  goReady(acd, 'a1', 10);
  t.same(acd.setDeviceRegistered('a1', false, 20), { agentId: 'a1', state: 'Ready', from: 10, to: 20 });
  t.match(acd.agent('a1'), { state: 'NotReady', reason: DEVICE_OFFLINE, deviceRegistered: false });
  acd.enqueue({ id: 'c1', queueId: 'q' }, 30);
  t.same(acd.dispatch(30), []);
  t.same(acd.setDeviceRegistered('a1', true, 40), { agentId: 'a1', state: 'NotReady', reason: DEVICE_OFFLINE, from: 20, to: 40 });
  t.match(acd.agent('a1'), { state: 'Ready', idleSince: 40 });
  t.same(pairs(acd.dispatch(40)), [['c1', 'a1']]);
});

t.test('registration changes outside Ready leave the state alone', async (t) => {
  const acd = makeAcd({ queues: [queue('q', 's')], agents: [skilled('a1')] });
  acd.setAgentState('a1', { state: 'NotReady', reason: 'break' }, 0);
  t.equal(acd.setDeviceRegistered('a1', true, 1), undefined);
  t.equal(acd.setDeviceRegistered('a1', false, 2), undefined);
  t.match(acd.agent('a1'), { state: 'NotReady', reason: 'break' });

  goReady(acd, 'a1', 3);
  acd.enqueue({ id: 'c1', queueId: 'q' }, 4);
  acd.dispatch(4);
  t.equal(acd.setDeviceRegistered('a1', false, 5), undefined, 'a ringing agent keeps ringing until answer or timeout');
  acd.setDeviceRegistered('a1', true, 6);
  acd.answer('c1', 7);
  t.equal(acd.setDeviceRegistered('a1', false, 8), undefined, 'a talking agent is not interrupted');
  t.same(acd.endCall('a1', 9), { agentId: 'a1', state: 'OnCall', from: 7, to: 9 });
  t.match(acd.agent('a1'), { state: 'NotReady', reason: DEVICE_OFFLINE }, 'no Ready with the softphone gone');
});

t.test('a wrap-up or withdrawn offer ending while the softphone is gone parks the agent', async (t) => {
  const acd = makeAcd({ queues: [queue('q', 's', { wrapUpSeconds: 10 })], agents: [skilled('a1')] });
  goReady(acd, 'a1', 0);
  acd.enqueue({ id: 'c1', queueId: 'q' }, 0);
  acd.dispatch(0);
  acd.answer('c1', 1);
  acd.endCall('a1', 2);
  acd.setDeviceRegistered('a1', false, 3);
  acd.expire(12_000);
  t.match(acd.agent('a1'), { state: 'NotReady', reason: DEVICE_OFFLINE });

  acd.setDeviceRegistered('a1', true, 13_000);
  acd.enqueue({ id: 'c2', queueId: 'q' }, 13_000);
  acd.dispatch(13_000);
  acd.setDeviceRegistered('a1', false, 14_000);
  acd.abandon('c2', 15_000);
  t.match(acd.agent('a1'), { state: 'NotReady', reason: DEVICE_OFFLINE });
});

t.test('a call in hand is settled through answer, decline or endCall, not a state request', async (t) => {
  const acd = makeAcd({ queues: [queue('q', 's')], agents: [skilled('a1')] });
  goReady(acd, 'a1', 0);
  acd.enqueue({ id: 'c1', queueId: 'q' }, 0);
  acd.dispatch(0);
  for (const target of [{ state: 'Ready' }, { state: 'LoggedOut' }, { state: 'NotReady', reason: 'break' }] as const) {
    t.throws(() => acd.setAgentState('a1', target, 1), { name: 'InvalidTransitionError', from: 'Reserved', to: target.state });
  }
  t.throws(() => acd.endCall('a1', 1), { code: 'INVALID_TRANSITION', from: 'Reserved', to: 'WrapUp' });
  acd.answer('c1', 2);
  t.throws(() => acd.setAgentState('a1', { state: 'NotReady', reason: 'break' }, 3), { code: 'INVALID_TRANSITION', from: 'OnCall', to: 'NotReady' });
  t.throws(() => acd.answer('c1', 3), { code: 'UNKNOWN_CALL' }, 'an answered call is the agent’s now');
  t.match(acd.agent('a1'), { state: 'OnCall', callId: 'c1' });
});

t.test('invalid requests are refused with typed errors', async (t) => {
  const acd = makeAcd({ queues: [queue('q', 's')], agents: [skilled('a1')] }, 100);
  t.throws(() => acd.setAgentState('a1', { state: 'LoggedOut' }, 100), { code: 'INVALID_TRANSITION', from: 'LoggedOut', to: 'LoggedOut' });
  t.throws(() => acd.setAgentState('ghost', { state: 'Ready' }, 100), { code: 'UNKNOWN_AGENT' });
  t.throws(() => acd.agent('ghost'), { code: 'UNKNOWN_AGENT' });
  acd.enqueue({ id: 'c1', queueId: 'q' }, 100);
  t.throws(() => acd.answer('c1', 100), { code: 'CALL_NOT_OFFERED' });
  t.throws(() => acd.declineOffer('c1', 100), { code: 'CALL_NOT_OFFERED' });
  t.throws(() => acd.answer('nope', 100), { code: 'UNKNOWN_CALL' });
  t.throws(() => acd.dispatch(99), { code: 'TIME_WENT_BACKWARDS', message: 'now 99 is before 100' });
  t.throws(() => acd.expire(NaN), { code: 'INVALID_ARGUMENT' });
  t.throws(() => makeAcd({}, 50).dispatch(0), { code: 'TIME_WENT_BACKWARDS' }, 'the constructor time counts');
  t.throws(() => makeAcd({}, Infinity), { code: 'INVALID_ARGUMENT' });
});
