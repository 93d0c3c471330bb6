import { useState } from 'preact/hooks';
import type { Session } from '../api.js';
import { protectedUrl } from '../download.js';
import { duration, percent } from '../live.js';
import { Chart } from '../parts/intraday-chart.js';
import { useReport } from '../parts/use-report.js';
import type { KpiReportView } from '@hotline/contracts/api/reports';

const DAY_MS = 86_400_000;

function periodQuery(days: number): string {
  const end = new Date();
  end.setHours(0, 0, 0, 0);
  end.setTime(end.getTime() + DAY_MS);
  const start = new Date(end.getTime() - days * DAY_MS);
  return `from=${encodeURIComponent(start.toISOString())}&to=${encodeURIComponent(end.toISOString())}&utcOffsetMinutes=${-start.getTimezoneOffset()}`;
}

/** KPI reports by queue, team or agent over a period, with a chart and CSV download. */
export function ReportsPage({ session: _session }: { session: Session }) {
  const [groupBy, setGroupBy] = useState('queue');
  const [days, setDays] = useState(1);
  const [error, setError] = useState('');
  const query = `groupBy=${groupBy}&${periodQuery(days)}`;
  const report = useReport<KpiReportView>(`/reports/kpi?${query}`, 60_000);
  const buckets = useReport<KpiReportView>(`/reports/kpi?bucket=${days === 1 ? '60m' : 'day'}&${periodQuery(days)}`, 60_000);
  const downloadCsv = async () => {
    try {
      const url = await protectedUrl(`/reports/kpi?${query}&format=csv`);
      const link = Object.assign(document.createElement('a'), { href: url, download: `kpi-${groupBy}.csv` });
      link.click();
      URL.revokeObjectURL(url);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <div class="reports">
      <section class="card">
        <div class="buttons">
          <select value={groupBy} onChange={(e) => setGroupBy((e.currentTarget as HTMLSelectElement).value)} aria-label="Group by">
            <option value="queue">by queue</option>
            <option value="team">by team</option>
            <option value="agent">by agent</option>
            <option value="none">all calls</option>
          </select>
          <select value={String(days)} onChange={(e) => setDays(Number((e.currentTarget as HTMLSelectElement).value))} aria-label="Period">
            <option value="1">today</option>
            <option value="7">last 7 days</option>
            <option value="30">last 30 days</option>
          </select>
          <button class="secondary" onClick={() => void downloadCsv()}>Download CSV</button>
        </div>
        {error && <p class="error">{error}</p>}
        {buckets && buckets.rows.some((r) => r.bucketStart) && <Chart rows={buckets.rows.filter((r) => r.bucketStart !== null)} />}
        <table data-testid="kpi-table">
          <thead>
            <tr><th>Group</th><th>Offered</th><th>Answered</th><th>SL</th><th>ASA</th><th>AHT</th><th>Abandon</th><th title="Mean error of the wait estimates callers heard">Estimate error</th><th>CSAT</th><th>NPS</th><th>Occupancy</th></tr>
          </thead>
          <tbody>
            {(report?.rows ?? []).map((r) => (
              <tr key={r.group ?? 'all'}>
                <td>{r.group ?? (groupBy === 'none' ? 'all' : 'unanswered')}</td>
                <td>{r.figures.offered}</td>
                <td>{r.figures.answered}</td>
                <td>{percent(r.figures.serviceLevel)}</td>
                <td>{r.figures.asaSeconds === null ? '—' : `${Math.round(r.figures.asaSeconds)} s`}</td>
                <td>{r.figures.ahtSeconds === null ? '—' : duration(r.figures.ahtSeconds * 1000)}</td>
                <td>{percent(r.figures.abandonRate)}</td>
                <td>{r.figures.estimateErrorSeconds === null ? '—' : `${Math.round(r.figures.estimateErrorSeconds)} s`}</td>
                <td>{r.figures.csatAverage === null ? '—' : r.figures.csatAverage.toFixed(1)}</td>
                <td>{r.figures.nps === null ? '—' : Math.round(r.figures.nps)}</td>
                <td>{percent(r.figures.occupancy)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
