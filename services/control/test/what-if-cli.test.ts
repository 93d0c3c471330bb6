import { readFileSync } from 'node:fs';
import t from 'tap';
import { KPI_DEFINITION_V1 } from '@hotline/kpi';
import { parseCliArgs } from '../src/features/what-if/cli-args.js';
import type { RecordedDay } from '../src/features/what-if/recorded-day.js';
import { renderWhatIf } from '../src/features/what-if/table.js';
import { whatIf } from '../src/features/what-if/what-if.js';

t.test('the command line becomes a what-if request', async (t) => {
  const cli = parseCliArgs([
    '--day', '2026-11-23', '--utc-offset', '480', '--queue', 'billing', '--wrapup', 'billing=30', '--ring-timeout', 'billing=10',
    '--max-wait', 'general=120', '--skills', 'billing=billing:5,vip:2', '--expansion', 'billing=30:4,90:2', '--expansion', 'general=',
    '--remove-agent', '1003', '--add-agent', '1009:general=6,billing=7', '--add-agent', '1010:general=3@1002', '--definition', '1', '--validate',
  ]);
  t.same(cli, {
    request: {
      day: '2026-11-23',
      utcOffsetMinutes: 480,
      queueIds: ['billing'],
      definitionVersion: 1,
      changes: {
        queues: [
          { queueId: 'billing', wrapupSecs: 30, ringTimeoutSecs: 10, skills: [{ skillId: 'billing', minLevel: 5 }, { skillId: 'vip', minLevel: 2 }], expansion: [{ afterSecs: 30, minLevel: 4 }, { afterSecs: 90, minLevel: 2 }] },
          { queueId: 'general', maxWaitSecs: 120, expansion: [] },
        ],
        removeAgents: ['1003'],
        addAgents: [
          { id: '1009', skills: [{ skillId: 'general', level: 6 }, { skillId: 'billing', level: 7 }] },
          { id: '1010', skills: [{ skillId: 'general', level: 3 }], copyTimelineOf: '1002' },
        ],
      },
    },
    validate: true,
    json: false,
  });
  t.same(parseCliArgs(['--from', '2026-11-23T08:00:00Z', '--to', '2026-11-23T12:00:00Z', '--export', 'day.json', '--json']), {
    request: { from: '2026-11-23T08:00:00Z', to: '2026-11-23T12:00:00Z', changes: { queues: [], removeAgents: [], addAgents: [] } },
    validate: false,
    json: true,
    exportTo: 'day.json',
  });
});

t.test('a malformed option is refused with what was expected', async (t) => {
  t.throws(() => parseCliArgs(['--wrapup', '30']), /--wrapup: expected QUEUE=VALUE, got '30'/);
  t.throws(() => parseCliArgs(['--wrapup', 'billing=soon']), /--wrapup: 'soon' is not a whole number/);
  t.throws(() => parseCliArgs(['--skills', 'billing=billing']), /--skills: expected NAME:VALUE, got 'billing'/);
  t.throws(() => parseCliArgs(['--add-agent', '1009']), /--add-agent: expected ID:SKILL=LEVEL/);
});

t.test('the answer prints as a side-by-side table per queue and overall', async (t) => {
  const day = JSON.parse(readFileSync(new URL('../../../test/fixtures/recorded-day.json', import.meta.url), 'utf8')) as RecordedDay;
  const result = whatIf(day, { removeAgents: ['3005'] }, KPI_DEFINITION_V1, undefined, day.period.end);
  const text = renderWhatIf({ ...result, period: { from: '2026-11-23T00:00:00.000Z', to: '2026-11-24T00:00:00.000Z' }, definition: KPI_DEFINITION_V1 });
  t.match(text, /^What-if for 2026-11-23T00:00:00.000Z – 2026-11-24T00:00:00.000Z, KPI definition v1 \(SL within 20 s\)/);
  t.match(text, /queue load\n\s+actual\s+replayed\s+predicted\noffered\s+184\s+184\s+184/);
  t.match(text, /service level\s+\d+\.\d %\s+\d+\.\d %\s+\d+\.\d %/);
  t.match(text, /replayed unchanged − actual: SL [+-]\d+\.\d pt, ASA [+-]\d+\.\d s, abandon [+-]\d+\.\d pt: within tolerance/);
  t.match(text, /tolerance: SL ±3 pt, ASA ±max\(2 s, 10 %\), abandon rate ±2 pt — the replay reproduces the day$/);
});
