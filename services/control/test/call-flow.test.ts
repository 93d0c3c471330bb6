import t from 'tap';
import type { StoredCall } from '../src/features/calls/call-snapshot.js';
import { playbackId } from '../src/features/calls/media.js';
import { VOICEMAIL_CLOSE_GRACE_MS } from '../src/features/calls/voicemail.js';
import { demoQueues } from '../src/demo/demo-config.js';
import { CALLER, setup, stasis, tick } from './helpers/call-flow-rig.js';

t.test('an answered call: the bridge is ready before the agent answers, and answering asks only for what is needed', async (t) => {
  const { ari, flow, callerArrives, types } = setup();
  const call = await callerArrives();
  t.same(ari.since(0), ['answer caller-1', 'play caller-1', `createBridge ${call.id}`, `originate ${call.id}-agent-1`], 'greeted, agent rung, bridge made meanwhile');
  await flow.onPlaybackFinished(playbackId(call.id, 'greeting'));
  const answeredFrom = ari.requests.length;
  await flow.agentLeg.answered(`${call.id}-agent-1`, call.id);
  t.same(ari.since(answeredFrom), [
    'stopMoh caller-1',
    `addToBridge ${call.id}`,
    `addToBridge ${call.id}`,
    'mixMonitor caller-1',
    'play caller-1',
  ], 'no stop for the greeting that had finished, no second bridge');
  t.equal(call.state, 'talking');
  t.same(types(call.id), ['call.enqueued', 'call.offered', 'call.answered'], 'each event published once');
});

t.test('the caller hangs up while the agent rings: the call is abandoned, the agent leg and the unused bridge go', async (t) => {
  const { ari, flow, router, callerArrives, published } = setup();
  const call = await callerArrives();
  const from = ari.requests.length;
  ari.channels.delete(CALLER);
  await flow.onChannelGone(CALLER);
  t.same(ari.since(from), [`destroyBridge ${call.id}`, `hangup ${call.id}-agent-1`]);
  t.match(published.at(-1), { type: 'call.ended', outcome: 'abandoned', hangupBy: 'caller' });
  t.equal(router.agent('1002')?.state, 'Ready', 'the agent is free again');
  t.equal(ari.bridges.size, 0);
});

t.test('ring-no-answer: the call keeps its place and goes to the next agent, in the bridge already made', async (t) => {
  const { ari, flow, router, callerArrives, advance, types } = setup(['1002']);
  const call = await callerArrives();
  advance(16_000); // past general's 15 s ring timeout
  await flow.dispatch();
  await tick();
  t.match(router.agent('1002'), { state: 'NotReady', reason: 'missed call' });
  t.equal(call.state, 'waiting');
  t.ok(ari.since(0).includes(`hangup ${call.id}-agent-1`), 'the unanswered leg is released');
  router.setDeviceRegistered('1003', true, 1_016_000);
  router.setAgentState('1003', { state: 'Ready' }, 1_016_000);
  await flow.dispatch();
  t.equal(call.agentId, '1003');
  await flow.agentLeg.answered(`${call.id}-agent-2`, call.id);
  t.equal(call.state, 'talking');
  t.equal(ari.requests.filter((r) => r.method === 'createBridge').length, 1, 'one bridge for the whole call');
  t.same(types(call.id), ['call.enqueued', 'call.offered', 'call.offered', 'call.answered']);
});

t.test("the agent's phone refuses the call: the caller waits on, the agent is set not ready", async (t) => {
  const { ari, router, callerArrives } = setup(['1002']);
  ari.failNext('originate', new Error('Allocation failed'));
  const call = await callerArrives();
  t.equal(call.state, 'waiting');
  t.match(router.agent('1002'), { state: 'NotReady', reason: 'missed call' });
  t.equal(router.position(call.id), 1, 'still first in line');
});

t.test('a blind transfer to a queue ends the agent’s call and takes the caller in as a new call', async (t) => {
  const { ari, flow, callerArrives, published } = setup();
  const call = await callerArrives();
  await flow.agentLeg.answered(`${call.id}-agent-1`, call.id);
  t.equal(await flow.transfer(call.id, { queueId: 'billing' }), 'ok');
  t.match(published.find((e) => e.callId === call.id && e.type === 'call.ended'), { outcome: 'answered', hangupBy: 'agent', transferredTo: 'queue:billing' });
  t.ok(ari.since(0).includes(`hangup ${call.id}-agent-1`));
  const next = flow.calls.list().find((c) => c.id !== call.id && c.state !== 'ended');
  t.match(next, { queueId: 'billing', callerChannelId: CALLER, state: 'waiting' }, 'the caller waits in billing, not greeted again');
  t.equal(await flow.transfer(call.id, { queueId: 'billing' }), 'no-call', 'the old call is over');
});

t.test('handed over to the survey (转满意度): the agent leaves, the caller hears the question; refused where the queue does not take it', async (t) => {
  const queues = demoQueues.map((q) => (q.id === 'general' ? { ...q, survey: { mode: 'csat' as const, trigger: 'handover' as const } } : q));
  const { ari, flow, callerArrives, published } = setup(['1002'], queues);
  const call = await callerArrives();
  await flow.agentLeg.answered(`${call.id}-agent-1`, call.id);
  const from = ari.requests.length;
  t.equal(await flow.transfer(call.id, { survey: true }), 'ok');
  t.match(published.find((e) => e.callId === call.id && e.type === 'call.ended'), { outcome: 'answered', hangupBy: 'agent', transferredTo: 'survey' });
  t.same(
    ari.since(from),
    [`destroyBridge ${call.id}`, `stopMixMonitor ${CALLER}`, `hangup ${call.id}-agent-1`, `stopPlayback ${call.id}.agent-number`, `play ${CALLER}`],
    'the call ended (bridge, recording), the agent released, the question played to the caller',
  );
  t.match(ari.requests.at(-1)?.args[1], [/survey-csat/]);

  const plain = setup(['1002']);
  const other = await plain.callerArrives();
  await plain.flow.agentLeg.answered(`${other.id}-agent-1`, other.id);
  t.equal(await plain.flow.transfer(other.id, { survey: true }), 'no-survey', "the demo queue's survey follows only the agent hanging up");
  t.equal(other.state, 'talking', 'and the call goes on');
});

t.test('after a crash: a waiting caller is taken up at their place, with whatever the last run left playing stopped', async (t) => {
  const { ari, flow, router } = setup([]);
  ari.channels.add(CALLER);
  const stored: StoredCall = {
    id: '11111111-1111-4111-8111-111111111111', callerChannelId: CALLER, queueId: 'general', customerNumber: '5551234', customerTier: 'standard', language: 'en',
    state: 'waiting', enqueuedAt: 990_000, agentId: null, agentChannelId: null, offers: 1, announcements: 2, announcedPosition: 1,
    answeredAt: null, bridgeId: null, recording: null, hold: { since: null, totalMs: 0 }, muted: false, callback: null, voicemail: null, outbound: null,
  };
  t.equal(await flow.adopt([stored], new Set([CALLER]), 999_000), 0, 'nothing was over');
  const requests = ari.since(0);
  t.ok(requests.includes(`stopPlayback ${stored.id}.greeting`) && requests.includes(`stopPlayback ${stored.id}.announcement.2`), 'the old prompts stopped');
  t.ok(requests.includes(`destroyBridge ${stored.id}`), 'a bridge the last run may have prepared is removed');
  t.equal(router.position(stored.id), 1);
  t.equal(router.explain(stored.id, 1_000_000)?.waitedMs, 10_000, 'its wait still counts from its arrival');
});

t.test('a caller whose channel died while the service was away is recorded as abandoned then', async (t) => {
  const { flow, published } = setup([]);
  const stored: StoredCall = {
    id: '22222222-2222-4222-8222-222222222222', callerChannelId: 'gone', queueId: 'general', customerNumber: '5550000', customerTier: 'standard', language: 'en',
    state: 'waiting', enqueuedAt: 990_000, agentId: null, agentChannelId: null, offers: 0, announcements: 0, announcedPosition: null,
    answeredAt: null, bridgeId: null, recording: null, hold: { since: null, totalMs: 0 }, muted: false, callback: null, voicemail: null, outbound: null,
  };
  t.equal(await flow.adopt([stored], new Set(), 995_000), 1);
  t.match(published.at(-1), { type: 'call.ended', outcome: 'abandoned', at: 995_000 });
});

t.test('the caller hangs up on a recorded call: announced once, handed over once Asterisk has had a moment to close the file', async (t) => {
  const { ari, flow, callerArrives, types, recordings } = setup();
  const call = await callerArrives();
  await flow.agentLeg.answered(`${call.id}-agent-1`, call.id);
  const from = ari.requests.length;
  ari.channels.delete(CALLER);
  await flow.onChannelGone(CALLER);
  await flow.onChannelGone(`${call.id}-agent-1`);
  await tick();
  t.ok(ari.since(from).includes('stopMixMonitor caller-1'), 'a stop is tried');
  t.same(types(call.id), ['call.enqueued', 'call.offered', 'call.answered', 'call.recorded', 'call.ended']);
  t.match(recordings, [{ job: { callId: call.id, name: `calls/${call.id}`, format: 'wav', pausedSpans: [] }, delayMs: 2_000 }], 'one hand-over, after the grace');
  t.equal(ari.bridges.size, 0, 'the bridge is gone with the call');
});

t.test('the agent hangs up first: the recording stops on the caller, who lives on, and is handed over at once with its pauses', async (t) => {
  const { ari, flow, callerArrives, recordings, advance } = setup();
  const call = await callerArrives();
  await flow.agentLeg.answered(`${call.id}-agent-1`, call.id);
  advance(3_000);
  t.equal(await flow.setRecordingPaused(call.id, true), 'ok');
  t.equal(await flow.setRecordingPaused(call.id, true), 'unchanged', 'paused already');
  advance(2_000);
  t.equal(await flow.setRecordingPaused(call.id, false), 'ok');
  t.same(ari.requests.filter((r) => r.method === 'muteMixMonitor').map((r) => r.args), [['caller-1', true], ['caller-1', false]], 'muted, then let through');
  advance(1_000);
  ari.channels.delete(`${call.id}-agent-1`);
  await flow.onChannelGone(`${call.id}-agent-1`);
  await tick();
  t.ok(ari.channels.has(CALLER), 'the caller is still up');
  t.match(recordings, [{ job: { pausedSpans: [{ fromSecs: 3, toSecs: 5 }] }, delayMs: 0 }], 'the file is closed once the stop is answered');
});

t.test('an agent becoming Ready is rung for the waiting caller without anyone asking for a dispatch', async (t) => {
  const { ari, router, callerArrives } = setup([]);
  const call = await callerArrives();
  t.equal(call.state, 'greeting');
  router.setDeviceRegistered('1001', true, 1_000_000);
  router.setAgentState('1001', { state: 'Ready' }, 1_000_000);
  t.equal(call.agentId, null, 'not in the middle of the change');
  await tick();
  t.equal(call.agentId, '1001', 'offered once the change is done');
  t.ok(ari.since(0).includes(`originate ${call.id}-agent-1`));
});

t.test('a caller overflowing to voicemail hears the introduction, leaves a message, and the call ends as a voicemail', async (t) => {
  const queues = demoQueues.map((q) => (q.id === 'general' ? { ...q, maxWaiting: 1, overflow: { kind: 'voicemail' as const } } : q));
  const { ari, flow, callerArrives, published, voicemails } = setup([], queues);
  await callerArrives();
  const second = await callerArrives('caller-2');
  t.equal(second.state, 'voicemail', 'the queue is full');
  const requests = ari.since(0);
  t.ok(requests.includes('record caller-2'), 'the message is recorded');
  t.match(published.filter((e) => e.callId === second.id).map((e) => e.type), ['call.enqueued', 'call.overflowed']);
  await flow.voicemail.finished(`voicemail/${second.id}`);
  t.match(published.at(-1), { type: 'call.ended', callId: second.id, outcome: 'voicemail', hangupBy: 'system' });
  t.ok(ari.since(0).includes('hangup caller-2'));
  await flow.voicemail.finished(`voicemail/${second.id}`);
  t.equal(published.filter((e) => e.type === 'call.ended').length, 1, 'a second report changes nothing');
  t.same(voicemails, [{
    job: { callId: second.id, name: `voicemail/${second.id}`, format: 'wav', queueId: 'general', customerNumber: '5551234', leftAt: second.enqueuedAt },
    delayMs: 0,
  }], 'the closed message is handed to the workers at once, and once');
});

const voicemailQueues = demoQueues.map((q) => (q.id === 'general' ? { ...q, maxWaiting: 1, overflow: { kind: 'voicemail' as const } } : q));

t.test('a caller who hangs up mid-message leaves it: handed over once Asterisk has had a moment to close the file', async (t) => {
  const { flow, callerArrives, published, voicemails } = setup([], voicemailQueues);
  await callerArrives();
  const call = await callerArrives('caller-2');
  t.equal(call.state, 'voicemail', 'the queue is full');
  await flow.onChannelGone('caller-2');
  t.match(published.at(-1), { type: 'call.ended', outcome: 'voicemail', hangupBy: 'caller' });
  t.match(voicemails, [{ job: { callId: call.id, queueId: 'general' }, delayMs: VOICEMAIL_CLOSE_GRACE_MS }]);
  await flow.voicemail.finished(`voicemail/${call.id}`);
  t.equal(voicemails.length, 1, "Asterisk's late report hands nothing over again");
});

t.test('a message being left when the service died is handed over by the run that takes the call up', async (t) => {
  const { flow, voicemails, published } = setup([], voicemailQueues);
  const stored: StoredCall = {
    id: '33333333-3333-4333-8333-333333333333', callerChannelId: 'gone', queueId: 'general', customerNumber: '5550001', customerTier: 'standard', language: 'en',
    state: 'voicemail', enqueuedAt: 990_000, agentId: null, agentChannelId: null, offers: 0, announcements: 0, announcedPosition: null,
    answeredAt: null, bridgeId: null, recording: null, hold: { since: null, totalMs: 0 }, muted: false, callback: null, voicemail: { leftAt: 991_000 }, outbound: null,
  };
  t.equal(await flow.adopt([stored], new Set(), 995_000), 1);
  t.match(published.at(-1), { type: 'call.ended', outcome: 'voicemail' });
  t.match(voicemails, [{ job: { callId: stored.id, customerNumber: '5550001', leftAt: 991_000 }, delayMs: VOICEMAIL_CLOSE_GRACE_MS }]);
});

t.test('several changes in one go (phones registering at one poll) are dispatched once, after them all', async (t) => {
  const { ari, router, callerArrives } = setup([]);
  const call = await callerArrives();
  // One moment for all, as presence applies one read of the registrations.
  for (const id of ['1001', '1002', '1003']) router.setDeviceRegistered(id, true, 1_000_000);
  for (const id of ['1001', '1002', '1003']) router.setAgentState(id, { state: 'Ready' }, 1_000_000);
  await tick();
  t.equal(call.agentId, '1001');
  t.equal(ari.requests.filter((r) => r.method === 'originate').length, 1);
});

t.test('a blind transfer to a Ready agent rings that agent at once; a busy agent or an unknown queue is refused', async (t) => {
  const { ari, flow, router, callerArrives } = setup(['1002']);
  const call = await callerArrives();
  await flow.agentLeg.answered(`${call.id}-agent-1`, call.id);
  t.equal(await flow.transfer(call.id, { queueId: 'nowhere' }), 'no-queue');
  t.equal(await flow.transfer(call.id, { agentId: '1003' }), 'agent-not-ready', 'not logged in');
  t.equal(await flow.transfer(call.id, { agentId: '1002' }), 'agent-not-ready', 'not to the agent already on it');
  router.setDeviceRegistered('1003', true, 1_000_000);
  router.setAgentState('1003', { state: 'Ready' }, 1_000_000);
  t.equal(await flow.transfer(call.id, { agentId: '1003' }), 'ok');
  const next = flow.calls.list().find((c) => c.id !== call.id);
  t.match(next, { state: 'ringing', agentId: '1003', callerChannelId: CALLER });
  t.ok(ari.since(0).includes(`originate ${next?.id}-agent-1`));
});

t.test('a caller of a Mandarin queue hears Mandarin from the greeting to the agent number; English callers cost no extra request', async (t) => {
  const { ari, flow, callerArrives } = setup(['1002']);
  const english = await callerArrives();
  t.notOk(ari.since(0).some((r) => r.startsWith('setLanguage')), 'an English caller keeps Asterisk\'s default');
  await flow.agentLeg.answered(`${english.id}-agent-1`, english.id);

  const { ari: zhAri, flow: zhFlow } = setup(['1002']);
  zhAri.channels.add('caller-zh');
  await zhFlow.admission.inbound(stasis('caller-zh', ['inbound', '7002'], '5559876'), '7002');
  const call = zhFlow.calls.byChannel('caller-zh');
  t.equal(call?.language, 'zh');
  const requests = zhAri.requests.map((r) => [r.method, ...r.args]);
  t.match(requests.find(([method]) => method === 'setLanguage'), ['setLanguage', 'caller-zh', 'zh'], "the channel's language is set");
  t.match(requests.find(([method]) => method === 'play'), ['play', 'caller-zh', ['sound:/var/lib/hotline/prompts/zh/welcome']], 'the greeting is Mandarin');
  await zhFlow.agentLeg.answered(`${call?.id}-agent-1`, call?.id ?? '');
  const agentNumber = zhAri.requests.filter((r) => r.method === 'play').at(-1)?.args[1] as string[];
  t.same(agentNumber.map((m) => m.split('/').at(-1)), ['agent-intro', 'digit-1', 'digit-0', 'digit-0', 'digit-2', 'will-serve-you'], '工号幺零零二为您服务');
});
