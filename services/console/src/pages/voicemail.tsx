import { useEffect, useState } from 'preact/hooks';
import type { VoicemailMessage, VoicemailStatus } from '@hotline/contracts/api/voicemails';
import { api, type Session } from '../api.js';
import { usePlayer } from '../parts/use-player.js';
import { duration } from '../live.js';

const STATUS_LABEL: Record<VoicemailStatus, string> = { new: 'New', assigned: 'Assigned', 'called-back': 'Called back', closed: 'Closed' };

/**
 * The queues' voicemail boxes as a to-do list. Supervisors see every message, play it, assign it
 * to an agent, close or reopen it; an agent sees the messages assigned to them, plays them and
 * marks them called back (with a note of what was agreed).
 */
export function VoicemailPage({ session }: { session: Session }) {
  const staff = session.role !== 'agent';
  const [status, setStatus] = useState<VoicemailStatus | ''>(staff ? 'new' : 'assigned');
  const [messages, setMessages] = useState<VoicemailMessage[] | null>(null);
  const [error, setError] = useState('');
  const player = usePlayer(setError);
  const { playing } = player;
  const load = async () => {
    try {
      setMessages(await api<VoicemailMessage[]>('GET', `/voicemails${status ? `?status=${status}` : ''}`));
      setError('');
    } catch (e) {
      setError((e as Error).message);
    }
  };
  useEffect(() => void load(), [status]);
  const act = async (id: string, change: Record<string, unknown>) => {
    try {
      await api('PATCH', `/voicemails/${id}`, change);
      await load();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const play = (id: string) => player.play(id, `/voicemails/${id}/audio`);
  const assign = (id: string) => {
    const agent = window.prompt('Assign to agent (extension):');
    if (agent) void act(id, { assigneeId: agent.trim() });
  };
  const finish = (id: string, next: 'called-back' | 'closed') => {
    const note = window.prompt(next === 'called-back' ? 'What was agreed with the customer?' : 'Why is it closed?');
    if (note !== null) void act(id, { status: next, ...(note.trim() ? { note: note.trim() } : {}) });
  };
  return (
    <div class="voicemail">
      <div class="card buttons">
        <label>
          Show{' '}
          <select aria-label="Status" value={status} onChange={(e) => setStatus((e.currentTarget as HTMLSelectElement).value as VoicemailStatus | '')}>
            <option value="">All</option>
            {Object.entries(STATUS_LABEL).map(([value, label]) => <option key={value} value={value}>{label}</option>)}
          </select>
        </label>
        <button type="button" class="secondary" onClick={() => void load()}>Refresh</button>
      </div>
      {error && <p class="error" role="alert">{error}</p>}
      {playing && (
        <section class="card player">
          <audio controls autoPlay src={playing.url} data-testid="voicemail-player" />
        </section>
      )}
      {messages?.length === 0 && <p class="muted">No messages here.</p>}
      {messages && messages.length > 0 && (
        <table class="card" data-testid="voicemails">
          <thead>
            <tr><th>Left</th><th>Queue</th><th>Caller</th><th>Length</th><th>Status</th><th>Agent</th><th>Heard</th><th>Note</th><th /></tr>
          </thead>
          <tbody>
            {messages.map((m) => (
              <tr key={m.id} class={m.status === 'new' ? 'unhandled' : ''}>
                <td>{new Date(m.leftAt).toLocaleString()}</td>
                <td>{m.queueId}</td>
                <td>{m.customerName ? `${m.customerName} · ${m.customerNumber}` : m.customerNumber}</td>
                <td>{duration(m.secs * 1000)}</td>
                <td>{STATUS_LABEL[m.status]}</td>
                <td>{m.assigneeId ?? ''}</td>
                <td>{m.heardBy ?? ''}</td>
                <td>{m.note ?? ''}</td>
                <td class="buttons inline">
                  <button onClick={() => void play(m.id)} disabled={m.audio !== 'stored'}>Play</button>
                  {staff && (m.status === 'new' || m.status === 'assigned') && <button class="secondary" onClick={() => assign(m.id)}>Assign</button>}
                  {m.status === 'assigned' && <button class="secondary" onClick={() => finish(m.id, 'called-back')}>Called back</button>}
                  {(staff || m.status === 'assigned') && m.status !== 'closed' && <button class="secondary" onClick={() => finish(m.id, 'closed')}>Close</button>}
                  {staff && (m.status === 'closed' || m.status === 'called-back') && <button class="secondary" onClick={() => void act(m.id, { status: 'new' })}>Reopen</button>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
