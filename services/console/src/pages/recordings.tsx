import { useEffect, useState } from 'preact/hooks';
import { api, type Session } from '../api.js';
import { usePlayer } from '../parts/use-player.js';
import { duration } from '../live.js';
import { QaReview } from '../parts/qa-review.js';
import type { Recording } from '@hotline/contracts/api/recordings';
import type { QaSampleCall } from '@hotline/contracts/qa';


/**
 * Search recordings (scoped by role: agents their own) and play them in the browser with seeking.
 * Reviewers also draw a random sample of calls per agent and mark them on a QA form.
 */
export function RecordingsPage({ session }: { session: Session }) {
  const reviewer = session.role !== 'agent';
  const [results, setResults] = useState<Recording[] | null>(null);
  const [sample, setSample] = useState<QaSampleCall[] | null>(null);
  const [reviewing, setReviewing] = useState<string | null>(null);
  const [error, setError] = useState('');
  const player = usePlayer(setError);
  const { playing } = player;
  const play = (id: string) => player.play(id, `/recordings/${id}/audio`);
  const search = async (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const params = new URLSearchParams();
    for (const key of ['agentId', 'queueId', 'customerNumber']) {
      const value = String(form.get(key) ?? '').trim();
      if (value) params.set(key, value);
    }
    try {
      setResults(await api<Recording[]>('GET', `/recordings?${params.toString()}`));
      setError('');
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const drawSample = async () => {
    try {
      setSample(await api<QaSampleCall[]>('GET', '/qa/sample?perAgent=3&days=7'));
      setError('');
    } catch (e) {
      setError((e as Error).message);
    }
  };
  // Linked from elsewhere (the desk's own calls): #/recordings?recording=<id> plays it at once.
  useEffect(() => {
    const linked = new URLSearchParams(location.hash.split('?')[1] ?? '').get('recording');
    if (linked) void play(linked);
  }, []);
  return (
    <div class="recordings">
      <form class="card buttons" onSubmit={(e) => void search(e)}>
        {session.role !== 'agent' && <input name="agentId" placeholder="Agent" aria-label="Agent" />}
        <input name="queueId" placeholder="Queue" aria-label="Queue" />
        <input name="customerNumber" placeholder="Caller number" aria-label="Caller number" />
        <button type="submit">Search</button>
        {reviewer && (
          <button type="button" class="secondary" onClick={() => void drawSample()}>
            Sample 3 calls per agent this week
          </button>
        )}
      </form>
      {error && <p class="error">{error}</p>}
      {playing && (
        <section class="card player">
          <audio controls autoPlay src={playing.url} data-testid="player" />
        </section>
      )}
      {reviewing && <QaReview callId={reviewing} onDone={() => setReviewing(null)} />}
      {sample && (
        <table class="card" data-testid="qa-sample">
          <thead>
            <tr><th>Agent</th><th>When</th><th>Caller</th><th>Queue</th><th /></tr>
          </thead>
          <tbody>
            {sample.map((c) => (
              <tr key={c.callId}>
                <td>{c.agentId}</td>
                <td>{new Date(c.enqueuedAt).toLocaleString()}</td>
                <td>{c.customerNumber}</td>
                <td>{c.queueId}</td>
                <td class="buttons inline">
                  <button onClick={() => void play(c.recordingId)}>Play</button>
                  <button class="secondary" onClick={() => setReviewing(c.callId)}>Review</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {sample?.length === 0 && <p class="muted">No recorded calls left to review this week.</p>}
      {results && (
        <table class="card">
          <thead>
            <tr><th>When</th><th>Caller</th><th>Queue</th><th>Agent</th><th>Length</th><th>Paused</th><th>Survey</th><th /></tr>
          </thead>
          <tbody>
            {results.map((r) => (
              <tr key={r.id}>
                <td>{r.startedAt ? new Date(r.startedAt).toLocaleString() : ''}</td>
                <td>{r.customerNumber}</td>
                <td>{r.queueId}</td>
                <td>{r.agentId}</td>
                <td>{r.secs === null ? r.status : duration(r.secs * 1000)}</td>
                <td>{r.pausedSpans.map((p) => `${Math.round(p.fromSecs)}–${Math.round(p.toSecs)} s`).join(', ')}</td>
                <td>{r.surveyScore ?? ''}</td>
                <td class="buttons inline">
                  <button onClick={() => void play(r.id)} disabled={r.status !== 'stored'}>Play</button>
                  {reviewer && <button class="secondary" onClick={() => setReviewing(r.callId)}>Review</button>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
