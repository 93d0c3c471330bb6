import type { WhatIfFigures } from './figures.js';
import type { FigureDifferences } from './tolerance.js';
import type { WhatIfAnswer } from './what-if-service.js';

const percent = (share: number | null) => (share === null ? '—' : `${(share * 100).toFixed(1)} %`);
const seconds = (secs: number | null) => (secs === null ? '—' : `${secs.toFixed(1)} s`);

const ROWS: [label: string, show: (figures: WhatIfFigures) => string][] = [
  ['offered', (f) => String(f.offered)],
  ['answered', (f) => String(f.answered)],
  ['abandoned', (f) => String(f.abandoned)],
  ['overflowed + voicemail', (f) => String(f.overflowed + f.voicemail)],
  ['service level', (f) => percent(f.serviceLevel)],
  ['ASA', (f) => seconds(f.asaSeconds)],
  ['abandon rate', (f) => percent(f.abandonRate)],
  ['AHT', (f) => seconds(f.ahtSeconds)],
  ['occupancy', (f) => percent(f.occupancy)],
];

const signed = (value: number | null, unit: string) => (value === null ? '—' : `${value >= 0 ? '+' : ''}${value.toFixed(1)}${unit}`);
const verdict = (d: FigureDifferences) =>
  `SL ${signed(d.serviceLevelPoints, ' pt')}, ASA ${signed(d.asaSeconds, ' s')}, abandon ${signed(d.abandonRatePoints, ' pt')}: ${d.withinTolerance ? 'within' : 'OUTSIDE'} tolerance`;

function block(title: string, actual: WhatIfFigures, replayed: WhatIfFigures, predicted: WhatIfFigures, differences: FigureDifferences): string[] {
  const cells = ROWS.map(([label, show]) => [label, show(actual), show(replayed), show(predicted)]);
  const widths = [0, 1, 2, 3].map((i) => Math.max(...[['', 'actual', 'replayed', 'predicted'], ...cells].map((row) => (row[i] as string).length)));
  const line = (row: string[]) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] as number) : cell.padStart(widths[i] as number))).join('  ');
  return [`${title}`, line(['', 'actual', 'replayed', 'predicted']), ...cells.map(line), `replayed unchanged − actual: ${verdict(differences)}`, ''];
}

/** The answer as text: per queue and overall, actual beside the unchanged replay and the prediction. */
export function renderWhatIf(answer: WhatIfAnswer): string {
  const { tolerance } = answer.validation;
  const lines = [
    `What-if for ${answer.period.from} – ${answer.period.to}, KPI definition v${answer.definition.version} (SL within ${answer.definition.slThresholdSeconds} s)`,
    '',
    ...answer.queueIds.flatMap((queueId, i) => {
      const pick = (figures: WhatIfAnswer['actual']) => (figures.queues[i] as { figures: WhatIfFigures }).figures;
      return block(`queue ${queueId}`, pick(answer.actual), pick(answer.replayedUnchanged), pick(answer.predicted), (answer.validation.queues[i] as { differences: FigureDifferences }).differences);
    }),
    ...block('all queues', answer.actual.overall, answer.replayedUnchanged.overall, answer.predicted.overall, answer.validation.overall),
    `tolerance: SL ±${tolerance.serviceLevelPoints} pt, ASA ±max(${tolerance.asaSeconds} s, ${tolerance.asaShare * 100} %), abandon rate ±${tolerance.abandonRatePoints} pt — ${answer.validation.withinTolerance ? 'the replay reproduces the day' : 'the replay does NOT reproduce the day: read predictions with care'}`,
  ];
  return lines.join('\n');
}
