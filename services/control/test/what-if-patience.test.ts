import t from 'tap';
import type { RecordedCall } from '@hotline/db';
import { patienceBeyond, patienceCurve, patienceOf, uniformOf } from '../src/features/what-if/patience.js';

const seen = (waitSeconds: number, outcome: RecordedCall['outcome'] = 'answered') => ({ waitSeconds, outcome });

t.test('the patience curve counts answered callers as having waited at least that long (Kaplan–Meier)', async (t) => {
  // Waits: 10 abandoned, 20 answered, 30 abandoned, 40 answered.
  const curve = patienceCurve([seen(30, 'abandoned'), seen(10, 'abandoned'), seen(40), seen(20)]);
  // At 10 s: 4 at risk, 1 gives up → 3/4. At 30 s: 2 at risk (20 s answered left), 1 gives up → 3/4 × 1/2.
  t.same(curve.steps, [{ atMs: 10_000, survival: 0.75 }, { atMs: 30_000, survival: 0.375 }]);
  const naive = 1 - 2 / 4;
  t.ok(curve.steps[1]!.survival < naive, 'more give up by 30 s than the share of all callers who did: the answered ones were not all still there to');
  t.same(patienceCurve([seen(5), seen(8)]).steps, [], 'nobody gave up: no step');
  const [tie] = patienceCurve([seen(5, 'abandoned'), seen(5, 'abandoned'), seen(5)]).steps;
  t.equal(tie?.atMs, 5000, 'ties leave together');
  t.ok(Math.abs((tie?.survival ?? 0) - 1 / 3) < 1e-12, 'two of the three at risk gave up');
});

t.test('a patience drawn beyond the wait a caller bore', async (t) => {
  const curve = patienceCurve([seen(10, 'abandoned'), seen(20), seen(30, 'abandoned'), seen(40)]);
  t.equal(patienceBeyond(curve, 0, 0.9), 10_000, 'a patient quantile still falls at the first give-up');
  t.equal(patienceBeyond(curve, 0, 0.4), 30_000);
  t.equal(patienceBeyond(curve, 0, 0.3), Infinity, 'under S(30 s) = 0.375: longer than any give-up seen');
  t.equal(patienceBeyond(curve, 20_000, 0.6), 30_000, 'beyond 20 s: S(30)/S(20) = 0.5 ≤ 0.6');
  t.equal(patienceBeyond(curve, 20_000, 0.4), Infinity, 'half of those who bore 20 s were never seen to give up');
  t.equal(patienceBeyond(curve, 30_000, 0.01), Infinity, 'past the last give-up nothing is known: no patience');
  for (const u of [0.05, 0.5, 0.95]) t.ok(patienceBeyond(curve, 15_000, u) > 15_000, `always longer than the wait borne (u ${u})`);
});

t.test('each call keeps its recorded patience or one drawn the same way every time', async (t) => {
  const call = (id: string, entryQueueId: string, waitSeconds: number, outcome: RecordedCall['outcome']) => ({ id, entryQueueId, waitSeconds, outcome }) as RecordedCall;
  const gaveUp = Array.from({ length: 5 }, (_, i) => call(`a${i}`, 'long', 40 + i * 10, 'abandoned'));
  const calls = [...gaveUp, call('b1', 'long', 0, 'answered'), call('s1', 'short', 2, 'abandoned'), call('s2', 'short', 0, 'answered')];
  const patience = patienceOf(calls);
  t.equal(patience.get('a2'), 60_000, 'an abandon keeps its recorded wait');
  t.ok([40_000, 50_000, 60_000, 70_000, 80_000].includes(patience.get('b1')!), 'drawn among its queue\'s give-ups');
  t.ok(patience.get('s2')! >= 2_000, 'a queue with under 5 abandons draws from the whole day');
  t.same(patienceOf(calls), patience, 'the same draws on every replay');
  const draws = Array.from({ length: 2000 }, (_, i) => uniformOf(`call-${i}`));
  t.ok(draws.every((u) => u > 0 && u < 1));
  const mean = draws.reduce((a, b) => a + b, 0) / draws.length;
  t.ok(Math.abs(mean - 0.5) < 0.03, `uniform draws (mean ${mean.toFixed(3)})`);
});
