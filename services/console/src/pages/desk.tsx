import { useEffect, useState } from 'preact/hooks';
import type { LiveAgent, LiveCallView } from '@hotline/contracts/live';
import { api, type Session } from '../api.js';
import { duration, useLive, useNow } from '../live.js';
import { useSoftphone } from '../softphone.js';
import { ScreenPop } from '../parts/screen-pop.js';
import { MyDay } from '../parts/my-day.js';

const REASONS = ['break', 'lunch', 'training', 'meeting', 'other'];
const DISPOSITIONS = ['resolved', 'follow-up', 'escalated', 'information', 'wrong-number'];
const STATE_LABEL: Record<string, string> = {
  'logged-out': 'Logged out', ready: 'Ready', 'not-ready': 'Not ready', reserved: 'Ringing', 'on-call': 'On a call', 'wrap-up': 'Wrap-up',
};

/** The agent desktop: state, browser softphone, screen pop, call controls, wrap-up and the day so far. */
export function DeskPage({ session }: { session: Session }) {
  const live = useLive();
  const now = useNow();
  const agentId = session.agentId ?? '';
  const me = live.agents.get(agentId);
  const phone = useSoftphone(session.agentId, true);
  const [error, setError] = useState('');
  const [lastCallId, setLastCallId] = useState<string | null>(null);
  const call = [...live.calls.values()].find((c) => c.agentId === agentId && c.state !== 'ended');
  useEffect(() => {
    if (call) setLastCallId(call.id);
  }, [call?.id]);

  const act = (what: Promise<unknown>) => what.then(() => setError(''), (e: Error) => setError(e.message));
  const setState = (body: object) => act(api('POST', `/agents/${agentId}/state`, body));

  return (
    <div class="desk">
      <section class="card state-card">
        <div class="state-line">
          <span class={`state state-${me?.state ?? 'logged-out'}`} data-testid="agent-state">
            {STATE_LABEL[me?.state ?? 'logged-out']}
          </span>
          {me?.reason && <span class="reason">({me.reason})</span>}
          <span class="timer" data-testid="time-in-state">{me ? duration(now - me.since) : '--:--'}</span>
          <span class={`phone phone-${phone.state}`} data-testid="phone-state" title={phone.detail}>
            ☎ {phone.state}
          </span>
        </div>
        <div class="buttons">
          <button onClick={() => setState({ state: 'ready' })} disabled={me?.state === 'ready'}>
            Ready
          </button>
          <NotReady onPick={(reason) => setState({ state: 'not-ready', reason })} />
          <button class="secondary" onClick={() => setState({ state: 'logged-out' })}>
            Log out
          </button>
        </div>
        {!live.connected && <p class="muted">Connecting to the live stream…</p>}
        {error && <p class="error" role="alert">{error}</p>}
      </section>

      {phone.state === 'ringing' && (
        <section class="card ringing" data-testid="incoming">
          <strong>Incoming call</strong> {phone.caller}
          <button class="answer" onClick={phone.answer}>
            Answer
          </button>
        </section>
      )}

      {call && (
        <section class="card">
          <h2>
            {call.state === 'talking' ? 'On a call' : call.state === 'calling-back' ? 'Calling the customer back' : call.state === 'dialing' ? `Calling ${call.customerNumber}` : call.callback ? 'Callback offered' : 'Offered'} <span class="timer">{duration(now - (call.answeredAt ?? call.enqueuedAt))}</span>
          </h2>
          <ScreenPop callId={call.id} answeredAt={call.answeredAt} />
          {call.state === 'talking' && <CallControls call={call} phoneInCall={phone.state === 'in-call'} onHangUp={phone.hangUp} act={act} />}
        </section>
      )}

      {!call && me?.state === 'wrap-up' && lastCallId && <WrapUp agent={me} callId={lastCallId} now={now} act={act} />}

      {!call && (me?.state === 'ready' || me?.state === 'not-ready') && <Dial agentId={agentId} act={act} />}

      <MyDay agentId={agentId} refreshKey={lastCallId ?? ''} />
    </div>
  );
}

/** Click-to-dial: the agent's own phone rings first, then the customer's, showing the chosen queue's number. */
function Dial({ agentId, act }: { agentId: string; act: (p: Promise<unknown>) => void }) {
  const [queues, setQueues] = useState<{ id: string; name: string; number: string }[]>([]);
  useEffect(() => {
    api<{ id: string; name: string; number: string }[]>('GET', '/queues').then(setQueues, () => setQueues([]));
  }, []);
  const submit = (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    act(api('POST', `/agents/${agentId}/dial`, { number: String(form.get('number') ?? '').replace(/[\s-]/g, ''), queueId: String(form.get('queueId')) }));
  };
  return (
    <form class="card buttons dial" onSubmit={submit} data-testid="dial">
      <input name="number" placeholder="Number to call" aria-label="Number to call" inputMode="tel" required />
      <select name="queueId" aria-label="Show the number of">
        {queues.map((q) => (
          <option key={q.id} value={q.id}>
            {q.name} ({q.number})
          </option>
        ))}
      </select>
      <button type="submit">Call</button>
    </form>
  );
}

function NotReady({ onPick }: { onPick: (reason: string) => void }) {
  const [reason, setReason] = useState(REASONS[0] ?? 'break');
  return (
    <span class="not-ready">
      <select value={reason} onChange={(e) => setReason((e.currentTarget as HTMLSelectElement).value)} aria-label="Not ready reason">
        {REASONS.map((r) => (
          <option key={r}>{r}</option>
        ))}
      </select>
      <button class="secondary" onClick={() => onPick(reason)}>
        Not ready
      </button>
    </span>
  );
}

function CallControls(props: { call: LiveCallView; phoneInCall: boolean; onHangUp: () => void; act: (p: Promise<unknown>) => void }) {
  const { call, act } = props;
  const [target, setTarget] = useState('');
  const [queues, setQueues] = useState<{ id: string; name: string }[]>([]);
  const [agents, setAgents] = useState<{ id: string; name: string }[]>([]);
  useEffect(() => {
    api<{ id: string; name: string }[]>('GET', '/queues').then(setQueues, () => setQueues([]));
  }, []);
  // Who is Ready changes by the second: read it when the agent opens the list.
  const loadAgents = () => api<{ id: string; name: string }[]>('GET', '/agents/ready').then((list) => setAgents(list.filter((a) => a.id !== call.agentId)), () => setAgents([]));
  const post = (path: string, body?: object) => act(api('POST', `/calls/${call.id}/${path}`, body));
  return (
    <div class="buttons call-controls">
      <button class="danger" onClick={() => (props.phoneInCall ? props.onHangUp() : post('hangup'))}>
        Hang up
      </button>
      <button onClick={() => post('hold', { held: !call.held })}>{call.held ? 'Resume' : 'Hold'}</button>
      <button onClick={() => post('mute', { muted: !call.muted })}>{call.muted ? 'Unmute' : 'Mute'}</button>
      {/* 转满意度: the caller hears the queue's survey, the agent leaves the call. */}
      <button onClick={() => post('transfer', { survey: true })}>To survey</button>
      {call.recording !== 'off' && (
        <button onClick={() => post('recording', { paused: call.recording === 'on' })}>{call.recording === 'on' ? 'Pause recording' : 'Resume recording'}</button>
      )}
      <span class="transfer">
        <select value={target} onFocus={() => void loadAgents()} onChange={(e) => setTarget((e.currentTarget as HTMLSelectElement).value)} aria-label="Transfer to">
          <option value="">Transfer to…</option>
          <optgroup label="Queues">
            {queues.map((q) => (
              <option key={q.id} value={`queue:${q.id}`}>
                {q.name}
              </option>
            ))}
          </optgroup>
          <optgroup label="Agents ready now">
            {agents.map((a) => (
              <option key={a.id} value={`agent:${a.id}`}>
                {a.name} ({a.id})
              </option>
            ))}
          </optgroup>
        </select>
        <button disabled={!target} onClick={() => post('transfer', target.startsWith('agent:') ? { agentId: target.slice(6) } : { queueId: target.slice(6) })}>
          Transfer
        </button>
      </span>
    </div>
  );
}

function WrapUp(props: { agent: LiveAgent; callId: string; now: number; act: (p: Promise<unknown>) => void }) {
  const { agent, callId, now, act } = props;
  const [saved, setSaved] = useState(false);
  const submit = (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    act(api('POST', `/calls/${callId}/disposition`, { code: String(form.get('code')), note: String(form.get('note') ?? '') }).then(() => setSaved(true)));
  };
  const left = agent.wrapUpEndsAt === null ? null : agent.wrapUpEndsAt - now;
  return (
    <form class="card wrap-up" onSubmit={submit} data-testid="wrap-up">
      <h2>
        Wrap-up <span class="timer">{left === null ? '' : `${duration(left)} left`}</span>
      </h2>
      <label>
        Disposition
        <select name="code">
          {DISPOSITIONS.map((d) => (
            <option key={d}>{d}</option>
          ))}
        </select>
      </label>
      <label>
        Note <textarea name="note" maxLength={2000} rows={3} />
      </label>
      <div class="buttons">
        <button type="submit">{saved ? 'Saved ✓' : 'Save'}</button>
        <button type="button" class="secondary" onClick={() => act(api('POST', `/agents/${agent.id}/wrap-up`, { extendSecs: 30 }))}>
          +30 s
        </button>
        <button type="button" class="secondary" onClick={() => act(api('POST', `/agents/${agent.id}/state`, { state: 'ready' }))}>
          Done, ready
        </button>
      </div>
    </form>
  );
}
