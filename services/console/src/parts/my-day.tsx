import { useEffect, useState } from 'preact/hooks';
import type { PastCall } from '@hotline/contracts/api/calls';
import { api } from '../api.js';
import { duration, percent } from '../live.js';
import type { KpiReportView } from '@hotline/contracts/api/reports';
import { todayQuery } from '../today.js';


/** The agent's own day: figures (calls, AHT, CSAT) and calls, refreshed after each call. */
export function MyDay({ agentId, refreshKey }: { agentId: string; refreshKey: string }) {
  const [calls, setCalls] = useState<PastCall[]>([]);
  const [figures, setFigures] = useState<KpiReportView['rows'][number]['figures'] | null>(null);
  const [qa, setQa] = useState<{ reviews: number; average: number | null } | null>(null);
  useEffect(() => {
    api<PastCall[]>('GET', `/agents/${agentId}/calls`).then(setCalls, () => setCalls([]));
    api<{ reviews: number; average: number | null }>('GET', `/agents/${agentId}/qa-score?days=30`).then(setQa, () => setQa(null));
    api<KpiReportView>('GET', `/reports/kpi?groupBy=agent&agentId=${agentId}&${todayQuery()}`).then(
      (report) => setFigures(report.rows.find((r) => r.group === agentId)?.figures ?? null),
      () => setFigures(null),
    );
  }, [agentId, refreshKey]);
  return (
    <section class="card my-day">
      <h2>My day</h2>
      <div class="figures">
        <Figure label="Calls" value={String(figures?.answered ?? 0)} />
        <Figure label="AHT" value={figures?.ahtSeconds == null ? '—' : duration(figures.ahtSeconds * 1000)} />
        <Figure label="CSAT" value={figures?.csatAverage == null ? '—' : figures.csatAverage.toFixed(1)} />
        <Figure label="Occupancy" value={percent(figures?.occupancy ?? null)} />
        <Figure label={`QA (${qa?.reviews ?? 0} reviews, 30 days)`} value={qa?.average == null ? '—' : qa.average.toFixed(0)} />
      </div>
      <table>
        <thead>
          <tr><th>Time</th><th>Caller</th><th>Queue</th><th>Talk</th><th>Disposition</th><th>Survey</th><th /></tr>
        </thead>
        <tbody>
          {calls.map((c) => (
            <tr key={c.id}>
              <td>{c.enqueuedAt ? new Date(c.enqueuedAt).toLocaleTimeString() : ''}</td>
              <td>{c.customerNumber}</td>
              <td>{c.queueId}</td>
              <td>{c.talkSecs === null ? '' : duration(c.talkSecs * 1000)}</td>
              <td>{c.disposition ?? ''}</td>
              <td>{c.surveyScore ?? ''}</td>
              <td>{c.recordingId && <a href={`#/recordings?recording=${c.recordingId}`}>listen</a>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function Figure({ label, value, tone }: { label: string; value: string; tone?: 'good' | 'bad' | undefined }) {
  return (
    <div class={`figure ${tone ?? ''}`}>
      <span class="value">{value}</span>
      <span class="label">{label}</span>
    </div>
  );
}
