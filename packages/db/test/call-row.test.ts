import t from 'tap';
import type { CallEvent } from '@hotline/contracts';
import { foldCallRow } from '../src/call-row.js';

const callId = '6f1c2f5e-3b1e-4d38-9a52-0d7a6c1e2b10';
const enqueued: CallEvent = { id: `${callId}.enqueued`, callId, at: 1_000, type: 'call.enqueued', channelId: '1795390000.7', queueId: 'billing', customerNumber: '5550100', customerTier: 'vip' };
const offered: CallEvent = { id: `${callId}.offered-1`, callId, at: 4_000, type: 'call.offered', agentId: '1001' };
const answered: CallEvent = { id: `${callId}.answered`, callId, at: 5_500, type: 'call.answered', agentId: '1001' };
const ended: CallEvent = { id: `${callId}.ended`, callId, at: 65_500, type: 'call.ended', outcome: 'answered', hangupBy: 'agent' };

t.test('an answered call: wait from arrival to answer, talk from answer to end', async (t) => {
  t.same(foldCallRow(callId, [enqueued, offered, answered, ended]), {
    id: callId, queueId: 'billing', customerNumber: '5550100', customerTier: 'vip', agentId: '1001',
    enqueuedAt: 1_000, answeredAt: 5_500, endedAt: 65_500, outcome: 'answered', waitSecs: 4.5, talkSecs: 60, hangupBy: 'agent', recordingId: null,
    surveyOffered: false, surveyScale: null, surveyScore: null,
    ringSecs: 1.5, channelId: '1795390000.7', wrapUpSecs: null, disposition: null, dispositionNote: null,
    holdSecs: 0, transferredTo: null, estimates: 0, estimateErrorSecs: 0,
    callbackRequestedAt: null, callbackStatus: null, callbackAttempts: 0, outboundStatus: null, menuId: null, menuPath: null, menuExit: null,
  });
});

t.test('hold time and a blind transfer come with the end of the call', async (t) => {
  const transferred: CallEvent = { ...ended, holdSecs: 12.5, transferredTo: 'queue:general' };
  t.match(foldCallRow(callId, [enqueued, offered, answered, transferred]), { holdSecs: 12.5, transferredTo: 'queue:general', outcome: 'answered', hangupBy: 'agent' });
});

t.test('the row does not depend on the order events were processed in', async (t) => {
  const expected = foldCallRow(callId, [enqueued, offered, answered, ended]);
  t.same(foldCallRow(callId, [ended, answered, enqueued, offered]), expected);
  t.same(foldCallRow(callId, [answered, ended, offered, enqueued]), expected);
});

t.test('an abandoned call waits until the caller leaves and has no talk time', async (t) => {
  const abandoned: CallEvent = { ...ended, at: 31_000, outcome: 'abandoned', hangupBy: 'caller' };
  t.match(foldCallRow(callId, [enqueued, abandoned]), { outcome: 'abandoned', waitSecs: 30, talkSecs: null, agentId: null, answeredAt: null });
});

t.test('a call overflowed to another queue belongs to that queue', async (t) => {
  const overflowed: CallEvent = { id: `${callId}.overflowed-general`, callId, at: 61_000, type: 'call.overflowed', fromQueueId: 'billing', target: { kind: 'queue', queueId: 'general' } };
  t.equal(foldCallRow(callId, [enqueued, overflowed]).queueId, 'general');
  const goodbye: CallEvent = { ...overflowed, id: `${callId}.overflowed`, target: { kind: 'goodbye' } };
  t.equal(foldCallRow(callId, [enqueued, goodbye]).queueId, 'billing', 'a goodbye keeps the original queue');
});

t.test('a recorded call points at its recording', async (t) => {
  const recorded: CallEvent = { id: `${callId}.recorded`, callId, at: 65_600, type: 'call.recorded', recordingId: callId };
  t.equal(foldCallRow(callId, [enqueued, answered, ended, recorded]).recordingId, callId);
});

t.test('a survey offered after the agent hung up is on the row, answered or not', async (t) => {
  const surveyed: CallEvent = { id: `${callId}.surveyed`, callId, at: 70_000, type: 'call.surveyed', scale: 'csat', score: 4 };
  t.match(foldCallRow(callId, [enqueued, answered, ended, surveyed]), { surveyOffered: true, surveyScale: 'csat', surveyScore: 4 });
  t.match(foldCallRow(callId, [enqueued, answered, ended, { ...surveyed, score: null }]), { surveyOffered: true, surveyScore: null });
});

t.test("the agent's wrap-up: disposition, note and after-call work", async (t) => {
  const disposed: CallEvent = { id: `${callId}.disposed`, callId, at: 66_000, type: 'call.disposed', code: 'billing-question', note: 'explained the invoice' };
  const wrapped: CallEvent = { id: `${callId}.wrapped`, callId, at: 75_500, type: 'call.wrapped', agentId: '1001', wrapUpSecs: 10 };
  t.match(foldCallRow(callId, [enqueued, offered, answered, ended, disposed, wrapped]), {
    disposition: 'billing-question', dispositionNote: 'explained the invoice', wrapUpSecs: 10, ringSecs: 1.5,
  });
});

t.test('a timeline seen only in part leaves the unknown parts empty', async (t) => {
  t.match(foldCallRow(callId, [answered]), { queueId: null, enqueuedAt: null, waitSecs: null, talkSecs: null, agentId: '1001' });
});

t.test('each wait estimate the caller heard is judged against the wait that followed it until the answer', async (t) => {
  const announced = (n: number, at: number, estimateSecs: number | null): CallEvent => ({ id: `${callId}.announced-${n}`, callId, at, type: 'call.announced', position: 2, estimateSecs });
  // Told at 1.5 s "about 6 s" (actual 4 s: off by 2), at 3.5 s "about 1 s" (actual 2 s: off by 1); "you are next" has no estimate.
  const row = foldCallRow(callId, [enqueued, announced(1, 1_500, 6), announced(2, 3_500, 1), announced(3, 5_000, null), offered, answered, ended]);
  t.match(row, { estimates: 2, estimateErrorSecs: 3 });
  const abandoned: CallEvent = { ...ended, at: 31_000, outcome: 'abandoned', hangupBy: 'caller' };
  t.match(foldCallRow(callId, [enqueued, announced(1, 1_500, 6), abandoned]), { estimates: 0, estimateErrorSecs: 0 }, 'never answered: nothing to judge by');
});

t.test('a callback: requested, dialled twice, completed; its estimates are not judged against the callback', async (t) => {
  const announced: CallEvent = { id: `${callId}.announced-1`, callId, at: 2_000, type: 'call.announced', position: 2, estimateSecs: 60 };
  const requested: CallEvent = { id: `${callId}.callback-requested`, callId, at: 3_000, type: 'call.callback-requested', position: 2 };
  const dialling = (attempt: number, at: number): CallEvent => ({ id: `${callId}.callback-dialing-${attempt}`, callId, at, type: 'call.callback-dialing', agentId: '1001', attempt });
  const failed: CallEvent = { id: `${callId}.callback-failed-1`, callId, at: 45_000, type: 'call.callback-attempt-failed', attempt: 1, retryAt: 165_000 };
  const answeredBack: CallEvent = { ...answered, at: 170_000 };
  const completed: CallEvent = { ...ended, at: 230_000, outcome: 'callback', callbackStatus: 'completed' };
  t.match(foldCallRow(callId, [enqueued, announced, requested, dialling(1, 40_000), failed, dialling(2, 168_000), answeredBack, completed]), {
    outcome: 'callback', callbackStatus: 'completed', callbackRequestedAt: 3_000, callbackAttempts: 2, answeredAt: 170_000, talkSecs: 60, estimates: 0, estimateErrorSecs: 0,
  });
});

t.test('an outbound call: from the click, with the agent, the queue shown and how it went', async (t) => {
  const dialing: CallEvent = { id: `${callId}.dialing`, callId, at: 1_000, type: 'call.dialing', agentId: '1002', queueId: 'general', customerNumber: '13812345678' };
  const picked: CallEvent = { id: `${callId}.answered`, callId, at: 9_000, type: 'call.answered', agentId: '1002' };
  const over: CallEvent = { id: `${callId}.ended`, callId, at: 69_000, type: 'call.ended', outcome: 'outbound', outboundStatus: 'answered', hangupBy: 'caller' };
  t.match(foldCallRow(callId, [over, picked, dialing]), {
    agentId: '1002', queueId: 'general', customerNumber: '13812345678', enqueuedAt: 1_000, answeredAt: 9_000, talkSecs: 60, outcome: 'outbound', outboundStatus: 'answered', ringSecs: null,
  });
});

t.test("an IVR caller's way through the menu, whether they went on to a queue or left there", async (t) => {
  const path = [{ node: 'main', key: '1', at: 500 }, { node: 'to-billing', at: 900 }];
  const menu: CallEvent = { id: `${callId}.menu`, callId, at: 900, type: 'call.menu', menuId: 'hotline', customerNumber: '5550100', path, exit: 'queue' };
  t.match(foldCallRow(callId, [enqueued, menu, answered, ended]), { menuId: 'hotline', menuPath: path, menuExit: 'queue', outcome: 'answered', queueId: 'billing' });
  const left: CallEvent = { ...menu, exit: 'hung-up' };
  const gone: CallEvent = { id: `${callId}.ended`, callId, at: 1_000, type: 'call.ended', outcome: 'ivr', hangupBy: 'caller' };
  t.match(foldCallRow(callId, [gone, left]), { menuExit: 'hung-up', outcome: 'ivr', customerNumber: '5550100', queueId: null });
});
