import t from 'tap';
import { KPI_DEFINITION_V1, abandonRate, averageHandleTime, callbackFigures, countOffered, type CallRecord } from '../src/index.js';

const base: CallRecord = {
  queueId: 'general', agentId: null, customerNumber: '5550100', enqueuedAt: 0, answeredAt: null, endedAt: 60_000, outcome: 'abandoned',
  waitSeconds: 60, ringSeconds: 0, talkSeconds: 0, holdSeconds: 0, wrapUpSeconds: 0, survey: null, surveyOffered: false,
};
const completed: CallRecord = {
  ...base, outcome: 'callback', agentId: '1001', answeredAt: 130_000, endedAt: 190_000, talkSeconds: 60, wrapUpSeconds: 10,
  callback: { requestedAt: 10_000, status: 'completed', attempts: 1 },
};
const failed: CallRecord = { ...base, outcome: 'callback', callback: { requestedAt: 5_000, status: 'failed', attempts: 3 } };
const cancelled: CallRecord = { ...base, outcome: 'callback', callback: { requestedAt: 5_000, status: 'cancelled', attempts: 0 } };
const answered: CallRecord = { ...base, outcome: 'answered', agentId: '1002', answeredAt: 20_000, waitSeconds: 20, talkSeconds: 100, wrapUpSeconds: 10 };

t.test('callbacks are counted on their own: requested, completed, failed, completion rate and time to callback', async (t) => {
  t.same(callbackFigures([completed, failed, cancelled, answered, base]), {
    callbacksRequested: 3, callbacksCompleted: 1, callbacksFailed: 1, callbackCompletionRate: 0.5, callbackSpeedSeconds: 120,
  });
  t.same(callbackFigures([answered]), { callbacksRequested: 0, callbacksCompleted: 0, callbacksFailed: 0, callbackCompletionRate: null, callbackSpeedSeconds: null });
});

t.test('a caller who took a callback is neither offered nor abandoned in line; a completed callback is handled work', async (t) => {
  const calls = [completed, failed, answered, base];
  t.equal(countOffered(calls, KPI_DEFINITION_V1), 2, 'the answered and the abandoned call');
  t.equal(abandonRate(calls, KPI_DEFINITION_V1), 0.5);
  t.equal(averageHandleTime(calls), 90, 'mean of (100 + 10) and (60 + 10)');
});
