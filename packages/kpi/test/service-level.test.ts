import t from 'tap';
import { KPI_DEFINITION_V1, serviceLevel, type KpiDefinition, type SlFormula } from '../src/index.js';
import { answered, unanswered } from './fixtures/records.js';

// Threshold 20 s (inclusive); abandons under 5 s are short and not offered.
const calls = [
  answered({ waitSeconds: 5 }), // within
  answered({ waitSeconds: 20 }), // within: 20 ≤ 20
  answered({ waitSeconds: 21 }),
  answered({ waitSeconds: 40 }),
  unanswered('abandoned', 3), // short: not offered
  unanswered('abandoned', 10), // abandoned within
  unanswered('abandoned', 30),
];
// offered 6, answered 4, answered-within 2, abandoned-within 1
const withFormula = (slFormula: SlFormula): KpiDefinition => ({ ...KPI_DEFINITION_V1, slFormula });

t.test('each formula divides as it says', async (t) => {
  t.equal(serviceLevel(calls, withFormula('answered-within / offered')), 2 / 6);
  t.equal(serviceLevel(calls, withFormula('answered-within / answered')), 2 / 4);
  t.equal(serviceLevel(calls, withFormula('answered-within / (offered - abandoned-within)')), 2 / (6 - 1));
  t.equal(serviceLevel(calls, withFormula('(answered-within + abandoned-within) / offered')), (2 + 1) / 6);
});

t.test('threshold and short abandons come from the definition', async (t) => {
  // 30 s threshold, short abandons offered: offered 7, answered within 30 s: 5, 20, 21 ⇒ 3/7
  const lenient = { ...KPI_DEFINITION_V1, slThresholdSeconds: 30, shortAbandonsCountAsOffered: true };
  t.equal(serviceLevel(calls, lenient), 3 / 7);
});

t.test('nothing to divide by gives null', async (t) => {
  t.equal(serviceLevel([], KPI_DEFINITION_V1), null);
  const abandonedWithin = [unanswered('abandoned', 8)];
  t.equal(serviceLevel(abandonedWithin, withFormula('answered-within / (offered - abandoned-within)')), null, '1 − 1 = 0');
  t.equal(serviceLevel(abandonedWithin, KPI_DEFINITION_V1), 0, 'all abandoned ⇒ 0 of 1 offered');
});
