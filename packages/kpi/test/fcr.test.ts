import t from 'tap';
import { KPI_DEFINITION_V1, firstContactResolution, judgeFirstContacts, latestEnd } from '../src/index.js';
import { HOUR, T0, answered, unanswered } from './fixtures/records.js';

// Each answered call talks 100 s after a 10 s wait, so it ends 110 s after it is enqueued.
const END = 110_000;
const at = (hours: number) => T0 + hours * HOUR;
const first = answered({ customerNumber: '+1', enqueuedAt: at(0) });
const callback = answered({ customerNumber: '+1', enqueuedAt: at(10), queueId: 'support' });
const lateCallback = answered({ customerNumber: '+2', enqueuedAt: at(1) });
const afterWindow = unanswered('abandoned', 30, { customerNumber: '+2', enqueuedAt: at(1) + END + 24 * HOUR + 1 });
const nearEnd = answered({ customerNumber: '+3', enqueuedAt: at(30) });
const withheld = answered({ customerNumber: null, enqueuedAt: at(2) });
const abandonedRepeat = answered({ customerNumber: '+4', enqueuedAt: at(3) });
const repeatAbandon = unanswered('abandoned', 2, { customerNumber: '+4', enqueuedAt: at(5) });
const calls = [first, callback, lateCallback, afterWindow, nearEnd, withheld, abandonedRepeat, repeatAbandon];
const observedUntil = at(48);

t.test('verdicts per answered call', async (t) => {
  const verdicts = judgeFirstContacts(calls, KPI_DEFINITION_V1, observedUntil);
  t.equal(verdicts.get(first), 'repeated', '+1 called again 10 h later');
  t.equal(verdicts.get(callback), 'resolved', 'window ends at 34 h + 110 s, before 48 h; no later call');
  t.equal(verdicts.get(lateCallback), 'resolved', "+2's next call comes 1 ms after its window closes");
  t.equal(verdicts.get(nearEnd), 'pending', 'window ends at 54 h + 110 s, after the data stops at 48 h');
  t.equal(verdicts.get(withheld), 'unknown-number');
  t.equal(verdicts.get(abandonedRepeat), 'repeated', 'a repeat that abandons, even short, is still a repeat');
  t.equal(verdicts.size, 6, 'only answered calls are judged');
});

t.test('summary leaves pending and withheld numbers out of the rate', async (t) => {
  const verdicts = judgeFirstContacts(calls, KPI_DEFINITION_V1, observedUntil);
  // resolved: callback, lateCallback = 2; repeated: first, abandonedRepeat = 2 ⇒ 2 / (2 + 2)
  t.same(firstContactResolution(calls, verdicts), { rate: 2 / 4, resolved: 2, repeated: 2, pending: 1 });
});

t.test('a repeat into another queue counts against the first queue', async (t) => {
  const verdicts = judgeFirstContacts(calls, KPI_DEFINITION_V1, observedUntil);
  const salesOnly = calls.filter((call) => call.queueId === 'sales');
  t.same(firstContactResolution([first], verdicts), { rate: 0, resolved: 0, repeated: 1, pending: 0 });
  t.equal(firstContactResolution(salesOnly, verdicts).repeated, 2, 'first and abandonedRepeat');
});

t.test('the window is inclusive and comes from the definition', async (t) => {
  const original = answered({ customerNumber: '+5', enqueuedAt: at(0) });
  const onTheEdge = answered({ customerNumber: '+5', enqueuedAt: at(0) + END + 24 * HOUR });
  t.equal(judgeFirstContacts([original, onTheEdge], KPI_DEFINITION_V1, at(100)).get(original), 'repeated');
  const twoHours = { ...KPI_DEFINITION_V1, version: 2, fcrWindowHours: 2 };
  t.equal(judgeFirstContacts([original, onTheEdge], twoHours, at(100)).get(original), 'resolved');
});

t.test('no answered calls gives a null rate', async (t) => {
  t.same(firstContactResolution([], new Map()), { rate: null, resolved: 0, repeated: 0, pending: 0 });
});

t.test('latest end is the default horizon', async (t) => {
  t.equal(latestEnd(calls), at(30) + END, 'nearEnd ends last');
  t.equal(latestEnd([]), null);
});
