import { readFileSync } from 'node:fs';
import t from 'tap';
import { KPI_DEFINITION_V1 } from '@hotline/kpi';
import type { RecordedDay } from '../src/features/what-if/recorded-day.js';
import { REPLAY_TOLERANCE } from '../src/features/what-if/tolerance.js';
import { whatIf } from '../src/features/what-if/what-if.js';

// A real recorded day: SIPp callers (Poisson, 1/s for 180 s, exponential talk with a 4 s mean) on
// 5 SIPp agents through the real stack, exported by `npm run what-if -- --export` (bench/RESULTS.md).
const day = JSON.parse(readFileSync(new URL('../../../test/fixtures/recorded-day.json', import.meta.url), 'utf8')) as RecordedDay;
const result = whatIf(day, {}, KPI_DEFINITION_V1, undefined, day.period.end);

t.test('the recorded day replayed under its own rules reproduces its KPIs within the stated tolerance', async (t) => {
  const { actual, replayedUnchanged: replayed, validation } = result;
  t.equal(actual.overall.offered, 184);
  t.ok(actual.overall.serviceLevel !== null && actual.overall.serviceLevel < 1, 'callers really queued that day');
  t.ok(Math.abs((replayed.overall.serviceLevel ?? 0) - (actual.overall.serviceLevel ?? 0)) * 100 <= REPLAY_TOLERANCE.serviceLevelPoints);
  const asaAllowed = Math.max(REPLAY_TOLERANCE.asaSeconds, REPLAY_TOLERANCE.asaShare * (actual.overall.asaSeconds ?? 0));
  t.ok(Math.abs((replayed.overall.asaSeconds ?? 0) - (actual.overall.asaSeconds ?? 0)) <= asaAllowed);
  t.ok(Math.abs((replayed.overall.abandonRate ?? 0) - (actual.overall.abandonRate ?? 0)) * 100 <= REPLAY_TOLERANCE.abandonRatePoints);
  t.ok(validation.withinTolerance, JSON.stringify(validation.overall));
});

t.test('the same day with an agent fewer or more moves the figures the right way', async (t) => {
  const fewer = whatIf(day, { removeAgents: ['3005'] }, KPI_DEFINITION_V1, undefined, day.period.end).predicted.overall;
  const more = whatIf(day, { addAgents: [{ id: '3006', skills: [{ skillId: 'load', level: 5 }], copyTimelineOf: '3001' }] }, KPI_DEFINITION_V1, undefined, day.period.end).predicted.overall;
  const replayed = result.replayedUnchanged.overall;
  t.ok((fewer.serviceLevel ?? 1) < (replayed.serviceLevel ?? 0) && (fewer.asaSeconds ?? 0) > (replayed.asaSeconds ?? 0), 'fewer agents: lower SL, longer ASA');
  t.ok((more.serviceLevel ?? 0) > (replayed.serviceLevel ?? 1) && (more.asaSeconds ?? Infinity) < (replayed.asaSeconds ?? 0), 'more agents: higher SL, shorter ASA');
  const wrapUp = whatIf(day, { queues: [{ queueId: 'load', wrapupSecs: 2 }] }, KPI_DEFINITION_V1, undefined, day.period.end).predicted.overall;
  t.ok((wrapUp.asaSeconds ?? 0) > (replayed.asaSeconds ?? Infinity), 'wrap-up added: longer ASA');
});
