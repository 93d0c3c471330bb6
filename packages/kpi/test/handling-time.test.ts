import t from 'tap';
import { averageHandleTime, averageSpeedOfAnswer, averageWrapUp, longestWait, waitEstimateError } from '../src/index.js';
import { answered, unanswered } from './fixtures/records.js';

const calls = [
  answered({ waitSeconds: 10, talkSeconds: 100, holdSeconds: 20, wrapUpSeconds: 30 }), // handled 150
  answered({ waitSeconds: 20, talkSeconds: 200, holdSeconds: 0, wrapUpSeconds: 10 }), // handled 210
  unanswered('abandoned', 50),
];

t.test('averages over answered calls', async (t) => {
  t.equal(averageSpeedOfAnswer(calls), (10 + 20) / 2);
  t.equal(averageHandleTime(calls), (150 + 210) / 2);
  t.equal(averageWrapUp(calls), (30 + 10) / 2);
});

t.test('longest wait counts every caller', async (t) => {
  t.equal(longestWait(calls), 50, 'the abandoned caller waited longest');
});

t.test('no answered calls gives null, not NaN', async (t) => {
  const abandoned = [unanswered('abandoned', 7)];
  t.equal(averageSpeedOfAnswer(abandoned), null);
  t.equal(averageHandleTime(abandoned), null);
  t.equal(averageWrapUp(abandoned), null);
  t.equal(longestWait(abandoned), 7);
  t.equal(longestWait([]), null);
});

t.test('estimate error: summed absolute error over the estimates heard, calls without any left out', async (t) => {
  const calls = [answered({ estimates: 2, estimateErrorSeconds: 30 }), answered({ estimates: 1, estimateErrorSeconds: 15 }), answered(), unanswered('abandoned', 40)];
  t.equal(waitEstimateError(calls), 15);
  t.equal(waitEstimateError([answered()]), null, 'no estimates: null, not 0');
});
