import t from 'tap';
import {
  KPI_DEFINITION_V1,
  abandonRate,
  callsPerAgent,
  countOffered,
  countOutcome,
  countShortAbandoned,
  type KpiDefinition,
} from '../src/index.js';
import { answered, unanswered } from './fixtures/records.js';

// Six calls; V1 says an abandon is short under 5 s and short abandons are not offered.
const calls = [
  answered({ waitSeconds: 10 }),
  answered({ waitSeconds: 30 }),
  unanswered('abandoned', 3), // short: 3 < 5
  unanswered('abandoned', 40),
  unanswered('overflowed', 60),
  unanswered('voicemail', 90),
];
const shortsOffered: KpiDefinition = { ...KPI_DEFINITION_V1, version: 2, shortAbandonsCountAsOffered: true };

t.test('short abandons left out of offered (V1)', async (t) => {
  t.equal(countOffered(calls, KPI_DEFINITION_V1), 5, '6 calls − 1 short abandon');
  t.equal(countOutcome(calls, 'answered', KPI_DEFINITION_V1), 2);
  t.equal(countOutcome(calls, 'abandoned', KPI_DEFINITION_V1), 1, 'only the 40 s abandon');
  t.equal(countOutcome(calls, 'overflowed', KPI_DEFINITION_V1), 1);
  t.equal(countOutcome(calls, 'voicemail', KPI_DEFINITION_V1), 1);
  t.equal(countShortAbandoned(calls, KPI_DEFINITION_V1), 1, 'still reported');
  t.equal(abandonRate(calls, KPI_DEFINITION_V1), 1 / 5);
});

t.test('short abandons counted as offered', async (t) => {
  t.equal(countOffered(calls, shortsOffered), 6);
  t.equal(countOutcome(calls, 'abandoned', shortsOffered), 2);
  t.equal(countShortAbandoned(calls, shortsOffered), 1);
  t.equal(abandonRate(calls, shortsOffered), 2 / 6);
});

t.test('an abandon at exactly the short threshold is not short', async (t) => {
  t.equal(countShortAbandoned([unanswered('abandoned', 5)], KPI_DEFINITION_V1), 0, '5 is not < 5');
  t.equal(countShortAbandoned([unanswered('abandoned', 4.9)], KPI_DEFINITION_V1), 1);
});

t.test('abandon rate with nothing offered is null, all abandoned is 1', async (t) => {
  t.equal(abandonRate([], KPI_DEFINITION_V1), null);
  t.equal(abandonRate([unanswered('abandoned', 2)], KPI_DEFINITION_V1), null, 'the only call is a short abandon');
  t.equal(abandonRate([unanswered('abandoned', 30), unanswered('abandoned', 60)], KPI_DEFINITION_V1), 1);
});

t.test('calls per agent', async (t) => {
  // a1 answered 2, a2 answered 1: 3 calls ÷ 2 agents; the abandon has no agent.
  const handled = [
    answered({ agentId: 'a1' }),
    answered({ agentId: 'a1' }),
    answered({ agentId: 'a2' }),
    unanswered('abandoned', 40),
  ];
  t.equal(callsPerAgent(handled), 3 / 2);
  t.equal(callsPerAgent([answered({ agentId: null })]), null, 'an answered call with no agent is not attributable');
  t.equal(callsPerAgent([]), null);
});
