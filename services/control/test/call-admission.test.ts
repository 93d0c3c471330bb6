import t from 'tap';
import { refusalFor } from '../src/features/calls/call-admission.js';
import { demoQueues } from '../src/demo/demo-config.js';
import { setup, stasis } from './helpers/call-flow-rig.js';

const LIMITS = { maxEventLoopLagMs: 250, maxAriLatencyMs: 1000, maxArriving: 100 };

t.test('the first reading over its limit is the reason; at the limit a caller is still taken', async (t) => {
  t.equal(refusalFor({ eventLoopLagMs: 250, ariLatencyMs: 1000, arriving: 100 }, LIMITS), undefined);
  t.same(refusalFor({ eventLoopLagMs: 251, ariLatencyMs: 5000, arriving: 0 }, LIMITS), { signal: 'eventLoopLagMs', value: 251, limit: 250 });
  t.same(refusalFor({ eventLoopLagMs: 0, ariLatencyMs: 1001, arriving: 0 }, LIMITS), { signal: 'ariLatencyMs', value: 1001, limit: 1000 });
  t.same(refusalFor({ eventLoopLagMs: 0, ariLatencyMs: 0, arriving: 101 }, LIMITS), { signal: 'arriving', value: 101, limit: 100 });
});

for (const [signal, reading] of [['eventLoopLagMs', { eventLoopLagMs: 400 }], ['ariLatencyMs', { ariLatencyMs: 2500 }]] as const) {
  t.test(`a service behind (${signal}) refuses the caller with a busy signal before answering, and records it`, async (t) => {
    let lookups = 0;
    const { ari, flow, published, load, metrics } = setup(['1002'], demoQueues, { customerTier: async () => (lookups++, 'gold') });
    Object.assign(load, reading);
    ari.channels.add('caller-busy');
    await flow.admission.inbound(stasis('caller-busy', ['inbound', '7000'], '5550111'), '7000');
    t.same(ari.since(0), ['hangup caller-busy'], 'no answer, no greeting, no agent rung: only the release');
    t.equal(ari.requests[0]?.args[1], 'busy', 'released as busy (SIP 486 to a caller not yet answered)');
    t.equal(lookups, 0, 'the customer directory was not asked');
    t.match(
      published.map((e) => e.type),
      ['call.enqueued', 'call.overflowed', 'call.ended'],
      'a record: the call, its refusal, its end',
    );
    t.match(published[1], { type: 'call.overflowed', fromQueueId: 'general', target: { kind: 'busy' } });
    t.match(published[2], { type: 'call.ended', outcome: 'overflowed', hangupBy: 'system' });
    t.equal(flow.calls.byChannel('caller-busy')?.state, 'ended');
    t.match((await metrics.callsRefused.get()).values, [{ labels: { queue: 'general', signal }, value: 1 }], 'counted by the reading that refused it');

    load.eventLoopLagMs = 0;
    load.ariLatencyMs = 0;
    ari.channels.add('caller-next');
    await flow.admission.inbound(stasis('caller-next', ['inbound', '7000'], '5550112'), '7000');
    t.ok(ari.since(0).includes('answer caller-next'), 'caught up: the next caller is answered');
  });
}

t.test('callers still being taken count: past the limit the next one is refused, and the count comes down again', async (t) => {
  const lookups: (() => void)[] = [];
  const { ari, flow, published } = setup(['1002'], demoQueues, {
    limits: { maxArriving: 1 },
    customerTier: () => new Promise((resolve) => lookups.push(() => resolve('standard'))),
  });
  for (const channel of ['caller-a', 'caller-b', 'caller-c']) ari.channels.add(channel);
  const first = flow.admission.inbound(stasis('caller-a', ['inbound', '7000'], '5550121'), '7000');
  const second = flow.admission.inbound(stasis('caller-b', ['inbound', '7000'], '5550122'), '7000');
  t.equal(lookups.length, 2, 'two callers being taken (the directory is slow)');
  await flow.admission.inbound(stasis('caller-c', ['inbound', '7000'], '5550123'), '7000');
  t.same(ari.since(0), ['hangup caller-c'], 'the third is refused at once');
  t.match(published.filter((e) => e.type === 'call.overflowed'), [{ target: { kind: 'busy' } }]);
  for (const release of lookups) release();
  await Promise.all([first, second]);
  t.ok(ari.since(0).includes('answer caller-a') && ari.since(0).includes('answer caller-b'), 'the two in progress are answered');
  ari.channels.add('caller-d');
  await flow.admission.inbound(stasis('caller-d', ['inbound', '7000'], '5550124'), '7000');
  t.ok(ari.since(0).includes('answer caller-d'), 'none being taken any more: the next is answered');
});

t.test('a caller Asterisk refused in the dialplan while shedding is recorded without a request to Asterisk', async (t) => {
  const { ari, flow, published, metrics } = setup(['1002'], demoQueues);
  await flow.admission.refusedBeforeStasis('1700.42', '7000', '', { signal: 'eventLoopLagMs', value: 300, limit: 250 });
  t.same(ari.since(0), [], 'the caller is gone already: nothing asked of Asterisk');
  t.match(published.map((e) => e.type), ['call.enqueued', 'call.overflowed', 'call.ended']);
  t.match(published[0], { type: 'call.enqueued', customerNumber: 'anonymous' }, 'a caller with no number is anonymous');
  t.match(published[1], { target: { kind: 'busy' } });
  t.match((await metrics.callsRefused.get()).values, [{ labels: { queue: 'general', signal: 'eventLoopLagMs' }, value: 1 }]);
  await flow.admission.refusedBeforeStasis('1700.43', '9999', '5550100', undefined);
  t.equal(published.length, 3, 'a number that is no queue of ours: no record');
});

t.test('a blocked caller never reaches an agent: recorded as blocked, told by the dialplan or refused unanswered', async (t) => {
  const { ari, flow, published, blocks, now, metrics } = setup(['1002']);
  const block = { reason: 'abuse', expiresAt: null, createdBy: 'supervisor', createdAt: 0 };
  blocks.replace([
    { ...block, id: 'b1', pattern: '5550131', action: 'message' },
    { ...block, id: 'b2', pattern: '190*', action: 'reject' },
    { ...block, id: 'b3', pattern: '5550133', action: 'reject', expiresAt: now() },
  ]);
  for (const channel of ['told', 'refused', 'lapsed']) ari.channels.add(channel);
  await flow.admission.inbound(stasis('told', ['inbound', '7000'], '5550131'), '7000');
  t.same(ari.since(0), ['continueInDialplan told'], 'not answered by the app, no agent rung: handed to the dialplan');
  t.equal(ari.requests[0]?.args[1], 'hotline-blocked', 'to the context that tells and releases them');
  const told = flow.calls.byChannel('told');
  t.match(published.filter((e) => e.callId === told?.id).map((e) => e.type), ['call.enqueued', 'call.ended'], 'a record, never offered');
  t.match(published.find((e) => e.callId === told?.id && e.type === 'call.ended'), { outcome: 'blocked', hangupBy: 'system' });

  const before = ari.requests.length;
  await flow.admission.inbound(stasis('refused', ['inbound', '7000'], '1900555'), '7000');
  t.same(ari.since(before), ['hangup refused'], 'a prefix block that rejects: released unanswered');
  t.equal(ari.requests[before]?.args[1], 'rejected');
  t.equal(flow.calls.byChannel('refused')?.outcome, 'blocked');

  await flow.admission.inbound(stasis('lapsed', ['inbound', '7000'], '5550133'), '7000');
  t.ok(ari.since(0).includes('answer lapsed'), 'a lapsed block no longer applies: the caller is answered');
  t.match((await metrics.callsBlocked.get()).values, [{ labels: { queue: 'general', action: 'message' }, value: 1 }, { labels: { queue: 'general', action: 'reject' }, value: 1 }], 'counted as blocked, by what they got');
  t.match((await metrics.callsOffered.get()).values, [{ labels: { queue: 'general' }, value: 1 }], 'only the caller let through is offered');
  t.notOk(published.some((e) => e.type === 'call.offered' && [told?.id].includes(e.callId)), 'the blocked caller was never offered');
});

t.test('a blocked caller who hung up before the dialplan took them is released all the same', async (t) => {
  const { ari, flow, blocks } = setup(['1002']);
  blocks.replace([{ id: 'b1', pattern: '5550141', reason: 'abuse', action: 'message', expiresAt: null, createdBy: 'supervisor', createdAt: 0 }]);
  ari.channels.add('gone');
  ari.failNext('continueInDialplan', new Error('Channel not found'));
  await flow.admission.inbound(stasis('gone', ['inbound', '7000'], '5550141'), '7000');
  t.same(ari.since(0), ['continueInDialplan gone', 'hangup gone']);
  t.equal(flow.calls.byChannel('gone')?.outcome, 'blocked', 'still one blocked record');
});

t.test('a caller coming out of an IVR menu joins the queue as the call the menu began; a blocked one reaches no queue', async (t) => {
  const { ari, flow, blocks, published } = setup(['1002']);
  const general = demoQueues.find((q) => q.id === 'general')!;
  ari.channels.add('from-menu');
  await flow.admission.fromMenu('from-menu', general, '5550177', '44444444-4444-4444-8444-444444444444');
  const call = flow.calls.byChannel('from-menu');
  t.equal(call?.id, '44444444-4444-4444-8444-444444444444', "the menu's call id");
  t.notOk(ari.since(0).includes('answer from-menu'), 'already answered by the menu');
  t.match(published.find((e) => e.callId === call?.id), { type: 'call.enqueued', queueId: 'general', customerNumber: '5550177' });
  blocks.replace([{ id: 'b1', pattern: '5550178', reason: 'abuse', action: 'reject', expiresAt: null, createdBy: 'supervisor', createdAt: 0 }]);
  ari.channels.add('blocked-menu');
  await flow.admission.fromMenu('blocked-menu', general, '5550178', '55555555-5555-4555-8555-555555555555');
  t.equal(flow.calls.byChannel('blocked-menu')?.outcome, 'blocked');
  t.ok(ari.since(0).includes('hangup blocked-menu'));
});
