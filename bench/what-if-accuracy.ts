// What-if accuracy: each recorded day predicts the others. The fixtures are three days of the
// load runner's SIPp traffic through the real stack, the same callers (arrivals, talk times and
// patience drawn from one seed) met by 2, 3 and 4 agents. Replaying one day with agents added or
// removed predicts a day that really happened; the prediction is set beside the record for two
// patience models, side by side in one run:
//   drawn     callers who did not give up get a patience drawn beyond the wait they bore (Kaplan–Meier; what the simulator does)
//   recorded  only abandons have a patience; everyone else waits as long as it takes (up to the max wait)
//
//   npx tsx bench/what-if-accuracy.ts
//
// The fixtures' commands are in bench/RESULTS.md.
import { readFileSync } from 'node:fs';
import { KPI_DEFINITION_V1 } from '@hotline/kpi';
import { figuresByQueue, kpiIntervals, observedUntil, type WhatIfFigures } from '../services/control/src/features/what-if/figures.js';
import type { RecordedDay } from '../services/control/src/features/what-if/recorded-day.js';
import { replay } from '../services/control/src/features/what-if/replay.js';
import { changedScenario, recordedScenario, type WhatIfChanges } from '../services/control/src/features/what-if/scenario.js';

const QUEUE = 'load';
const STAFFING = [2, 3, 4] as const;
const agentIds = (n: number) => Array.from({ length: n }, (_, i) => String(3001 + i));
const days = new Map(STAFFING.map((n) => [n, JSON.parse(readFileSync(new URL(`fixtures/what-if-day-${n}-agents.json`, import.meta.url), 'utf8')) as RecordedDay]));
const dayOf = (n: number) => days.get(n as (typeof STAFFING)[number]) as RecordedDay;

function figures(day: RecordedDay, calls: Parameters<typeof figuresByQueue>[0], intervals: Parameters<typeof kpiIntervals>[0]): WhatIfFigures {
  return figuresByQueue(calls, kpiIntervals(intervals, day.period, observedUntil(day.intervals, day.period.end)), KPI_DEFINITION_V1, [QUEUE]).overall;
}

/** From `from` agents to `to`: the extra ones with 3001's hours, or the last ones removed. */
function restaffing(from: number, to: number): WhatIfChanges {
  const have = agentIds(from);
  const want = agentIds(to);
  return {
    removeAgents: have.filter((id) => !want.includes(id)),
    addAgents: want.filter((id) => !have.includes(id)).map((id) => ({ id, skills: [{ skillId: QUEUE, level: 5 }], copyTimelineOf: '3001' })),
  };
}

/** Only abandons have a patience: everyone else would have waited for ever. */
const recordedOnly = (day: RecordedDay) => new Map(day.calls.map((call) => [call.id, call.outcome === 'abandoned' ? call.waitSeconds * 1000 : Infinity]));

function predict(day: RecordedDay, changes: WhatIfChanges, patience?: ReadonlyMap<string, number>): WhatIfFigures {
  const result = replay(day, changedScenario(recordedScenario(day), changes, new Set(day.skills)), patience);
  return figures(day, result.calls, result.intervals);
}

const pct = (value: number | null) => (value === null ? '—' : `${(value * 100).toFixed(1)} %`);
const secs = (value: number | null) => (value === null ? '—' : `${value.toFixed(1)} s`);
const FIGURES = [
  { name: 'service level', of: (f: WhatIfFigures) => f.serviceLevel, show: pct, scale: 100 },
  { name: 'ASA', of: (f: WhatIfFigures) => f.asaSeconds, show: secs, scale: 1 },
  { name: 'abandon rate', of: (f: WhatIfFigures) => f.abandonRate, show: pct, scale: 100 },
];
const errors = new Map(FIGURES.map((f) => [f.name, { drawn: [] as number[], recorded: [] as number[] }]));

console.log('| from → to agents | figure | actual | drawn (simulator) | recorded only | |error| drawn | |error| recorded only |');
console.log('|---|---|---|---|---|---|---|');
for (const from of STAFFING) {
  for (const to of STAFFING) {
    if (from === to) continue;
    const source = dayOf(from);
    const target = dayOf(to);
    const actual = figures(target, target.calls, target.intervals);
    const drawn = predict(source, restaffing(from, to));
    const recorded = predict(source, restaffing(from, to), recordedOnly(source));
    for (const figure of FIGURES) {
      const truth = figure.of(actual) ?? 0;
      const errorOf = (f: WhatIfFigures) => Math.abs((figure.of(f) ?? 0) - truth) * figure.scale;
      const unit = figure.scale === 100 ? ' pt' : ' s';
      errors.get(figure.name)?.drawn.push(errorOf(drawn));
      errors.get(figure.name)?.recorded.push(errorOf(recorded));
      console.log(
        `| ${from} → ${to} | ${figure.name} | ${figure.show(figure.of(actual))} | ${figure.show(figure.of(drawn))} | ${figure.show(figure.of(recorded))} | ` +
          `${errorOf(drawn).toFixed(1)}${unit} | ${errorOf(recorded).toFixed(1)}${unit} |`,
      );
    }
  }
}

const mean = (values: number[]) => values.reduce((total, value) => total + value, 0) / values.length;
console.log('\n| figure | mean |error| drawn | mean |error| recorded only | drawn ÷ recorded only |');
console.log('|---|---|---|---|');
for (const [name, { drawn, recorded }] of errors) {
  console.log(`| ${name} | ${mean(drawn).toFixed(2)} | ${mean(recorded).toFixed(2)} | ${(mean(drawn) / mean(recorded)).toFixed(2)}× |`);
}
