import { useEffect, useState } from 'preact/hooks';
import type { CallRouting, SkipReason } from '@hotline/contracts/api/routing';
import { api } from '../api.js';

/** One skip reason in a supervisor's words. */
function describe(reason: SkipReason): string {
  switch (reason.kind) {
    case 'not-ready':
      return `not ready (${reason.reason})`;
    case 'wrap-up':
      return reason.until ? `wrapping up until ${new Date(reason.until).toLocaleTimeString()}` : 'wrapping up';
    case 'skill-below-threshold':
      return `${reason.skill} level ${reason.level}, needs ${reason.required}`;
    case 'busy':
      return reason.state === 'OnCall' ? 'on another call' : 'ringing for another call';
    case 'device-offline':
      return 'phone offline';
    case 'logged-out':
      return 'logged out';
  }
}

/** "Why is this caller still waiting / why did this agent get the call", from GET /calls/{id}/routing. */
export function WhyRouting({ callId }: { callId: string }) {
  const [routing, setRouting] = useState<CallRouting | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    api<CallRouting>('GET', `/calls/${callId}/routing`).then(setRouting, (e: Error) => setError(e.message));
  }, [callId]);
  if (error) return <p class="error">{error}</p>;
  if (!routing) return <p class="muted">…</p>;
  const offer = routing.offers.at(-1);
  const standing = routing.now ?? offer?.routing ?? null;
  if (!standing) return <p class="muted">No routing decision recorded for this call.</p>;
  return (
    <div class="why-routing" data-why={callId}>
      <p>
        {routing.now ? 'Waiting' : `Given to ${offer?.agentId} at ${offer ? new Date(offer.at).toLocaleTimeString() : ''}`}; needs{' '}
        {standing.thresholds.map((t) => `${t.skill} ≥ ${t.minLevel}`).join(', ')}. {routing.now ? 'Could take it now' : 'Also free then'}:{' '}
        {standing.candidates.length > 0 ? standing.candidates.map((c) => c.agentId).join(', ') : 'nobody'}.
      </p>
      <ul>
        {standing.skipped.map((s) => (
          <li key={s.agentId}>
            <strong>{s.agentId}</strong>: {describe(s.reason)}
          </li>
        ))}
      </ul>
    </div>
  );
}
