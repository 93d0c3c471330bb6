import { useEffect, useState } from 'preact/hooks';
import type { ScreenPop as CallerContext } from '@hotline/contracts/api/calls';
import { api } from '../api.js';


/** Who is calling: shown the moment a call is offered, before the agent answers. */
export function ScreenPop({ callId, answeredAt }: { callId: string; answeredAt: number | null }) {
  const [context, setContext] = useState<CallerContext | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    setContext(null);
    api<CallerContext>('GET', `/calls/${callId}/context`).then(setContext, (e: Error) => setError(e.message));
  }, [callId]);
  if (error) return <p class="error">{error}</p>;
  if (!context) return <p class="muted">Looking up the caller…</p>;
  const waited = Math.round(((answeredAt ?? Date.now()) - context.enqueuedAt) / 1000);
  return (
    <section class="screen-pop" data-testid="screen-pop">
      <div class="caller">
        <span class="name">{context.customer.name ?? 'Unknown caller'}</span>
        <span class="number">{context.customer.number}</span>
        <span class={`tier tier-${context.customer.tier}`}>{context.customer.tier}</span>
      </div>
      <p>
        Queue <strong>{context.queue.name}</strong> · waited {waited} s
      </p>
      <h3>Last calls</h3>
      {context.history.length === 0 ? (
        <p class="muted">First call from this number.</p>
      ) : (
        <table>
          <tbody>
            {context.history.map((c) => (
              <tr key={c.id}>
                <td>{c.enqueuedAt ? new Date(c.enqueuedAt).toLocaleString() : '—'}</td>
                <td>{c.queueId}</td>
                <td>{c.outcome}</td>
                <td>{c.disposition ?? ''}{c.dispositionNote ? ` — ${c.dispositionNote}` : ''}</td>
                <td>{c.surveyScore === null ? '' : `${c.surveyScale?.toUpperCase()} ${c.surveyScore}`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
