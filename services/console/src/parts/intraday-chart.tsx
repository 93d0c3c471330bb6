import type { KpiReportView } from '@hotline/contracts/api/reports';
import { todayQuery } from '../today.js';
import { useReport } from './use-report.js';

const WIDTH = 720;
const HEIGHT = 140;

/** Volume (bars) and service level (line) per 15 minutes today, from the stored call records. */
export function IntradayChart() {
  const report = useReport<KpiReportView>(`/reports/kpi?bucket=15m&${todayQuery()}`, 60_000);
  const rows = (report?.rows ?? []).filter((r) => r.bucketStart !== null);
  return (
    <section class="card" data-testid="intraday">
      <h2>Today per 15 minutes</h2>
      {rows.length === 0 ? <p class="muted">No calls stored yet today.</p> : <Chart rows={rows} />}
    </section>
  );
}

export function Chart({ rows }: { rows: KpiReportView['rows'] }) {
  const max = Math.max(1, ...rows.map((r) => r.figures.offered));
  const step = WIDTH / rows.length;
  const points = rows
    .map((r, i) => (r.figures.serviceLevel === null ? null : `${i * step + step / 2},${HEIGHT - r.figures.serviceLevel * HEIGHT}`))
    .filter((p): p is string => p !== null);
  return (
    <svg class="chart" viewBox={`0 0 ${WIDTH} ${HEIGHT + 16}`} role="img" aria-label="calls and service level per interval">
      {rows.map((r, i) => {
        const h = (r.figures.offered / max) * HEIGHT;
        return (
          <g key={r.bucketStart}>
            <rect x={i * step + 1} y={HEIGHT - h} width={Math.max(1, step - 2)} height={h} class="bar">
              <title>{`${r.bucketStart?.slice(11, 16)}: ${r.figures.offered} offered, ${r.figures.answered} answered`}</title>
            </rect>
            {i % 4 === 0 && <text x={i * step} y={HEIGHT + 12} class="tick">{r.bucketStart?.slice(11, 16)}</text>}
          </g>
        );
      })}
      {points.length > 1 && <polyline points={points.join(' ')} class="sl-line" />}
    </svg>
  );
}
