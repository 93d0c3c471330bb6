import { useState } from 'preact/hooks';
import type { LiveAgent, LiveCallView, LiveQueueFigures } from '@hotline/contracts/live';
import { api, type Session } from '../api.js';
import { duration, percent, useLive, useNow } from '../live.js';
import { Figure } from '../parts/my-day.js';
import { IntradayChart } from '../parts/intraday-chart.js';
import { WhyRouting } from '../parts/why-routing.js';

const STATES = ['ready', 'reserved', 'on-call', 'wrap-up', 'not-ready', 'logged-out'] as const;

/** The supervisor wallboard: queues, alerts, agents, live calls with monitoring, intraday charts. */
export function BoardPage({ session: _session }: { session: Session }) {
  const live = useLive();
  const now = useNow();
  const [error, setError] = useState('');
  const act = (what: Promise<unknown>) => what.then(() => setError(''), (e: Error) => setError(e.message));
  const agents = [...live.agents.values()].sort((a, b) => a.id.localeCompare(b.id));
  const calls = [...live.calls.values()].sort((a, b) => a.enqueuedAt - b.enqueuedAt);
  const alerts = [...live.alerts.values()].sort((a, b) => b.raisedAt - a.raisedAt);
  const monitor = (body: object) => act(api('POST', '/supervision', body));

  return (
    <div class="board">
      {!live.connected && <p class="muted">Connecting to the live stream…</p>}
      {error && <p class="error" role="alert">{error}</p>}
      <section class="tiles">
        {[...live.queues.values()].map((q) => (
          <QueueTile key={q.id} queue={q} now={now} />
        ))}
      </section>

      <section class="card alerts" data-testid="alerts">
        <h2>Alerts {alerts.length > 0 && <span class="badge">{alerts.length}</span>}</h2>
        {alerts.length === 0 ? <p class="muted">All quiet.</p> : (
          <ul>
            {alerts.map((a) => (
              <li key={a.key} class={`alert alert-${a.kind}`}>
                <time>{new Date(a.raisedAt).toLocaleTimeString()}</time> {a.message}
                {a.kind === 'voicemail' && <> · <a href="#/voicemail">open the box</a></>}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section class="card" data-testid="live-calls">
        <h2>
          Live calls
          <span class="buttons inline">
            <button class="secondary" onClick={() => monitor({ random: true, mode: 'listen' })}>Listen to a random call</button>
          </span>
        </h2>
        <table>
          <thead>
            <tr><th>Caller</th><th>Queue</th><th>State</th><th>Agent</th><th>Time</th><th /></tr>
          </thead>
          <tbody>
            {calls.map((c) => (
              <CallRow key={c.id} call={c} now={now} monitor={(mode) => monitor({ callId: c.id, mode })} end={() => act(api('DELETE', `/calls/${c.id}`))} />
            ))}
          </tbody>
        </table>
        {calls.length === 0 && <p class="muted">No calls right now.</p>}
      </section>

      <section class="card" data-testid="agents">
        <h2>Agents</h2>
        <div class="agent-grid">
          {agents.map((a) => (
            <AgentCard key={a.id} agent={a} now={now} />
          ))}
        </div>
      </section>

      <IntradayChart />
    </div>
  );
}

function QueueTile({ queue, now }: { queue: LiveQueueFigures; now: number }) {
  const sl = queue.today.serviceLevel;
  const slTone = sl === null ? undefined : sl * 100 >= queue.slTargetPct ? 'good' : 'bad';
  return (
    <div class="card tile" data-testid={`queue-${queue.id}`}>
      <h2>{queue.name}</h2>
      <div class="figures">
        <Figure label="Waiting" value={String(queue.waiting)} tone={queue.waiting > 0 ? 'bad' : undefined} />
        <Figure label="Callbacks" value={String(queue.callbacks)} />
        <Figure label="Longest wait" value={queue.oldestWaitingSince === null ? '—' : duration(now - queue.oldestWaitingSince)} />
        <Figure label={`SL (target ${queue.slTargetPct}%)`} value={percent(sl)} tone={slTone} />
        <Figure label="Abandoned" value={percent(queue.today.abandonRate)} />
        <Figure label="ASA" value={queue.today.asaSeconds === null ? '—' : `${Math.round(queue.today.asaSeconds)} s`} />
        <Figure label="Answered" value={`${queue.today.answered}/${queue.today.offered}`} />
      </div>
      <div class="state-bar">
        {STATES.filter((s) => queue.agents[s] > 0).map((s) => (
          <span key={s} class={`state state-${s}`}>{queue.agents[s]} {s}</span>
        ))}
      </div>
    </div>
  );
}

function CallRow({ call, now, monitor, end }: { call: LiveCallView; now: number; monitor: (mode: string) => void; end: () => void }) {
  const [why, setWhy] = useState(false);
  return (
    <>
      <tr data-call-state={call.state}>
        <td>{call.customerNumber} {call.customerTier !== 'standard' && <span class={`tier tier-${call.customerTier}`}>{call.customerTier}</span>}</td>
        <td>{call.queueId}</td>
        <td><span class={`call-state call-${call.state}`}>{call.state}</span>{call.held && ' (hold)'}{call.callback && call.callback.attempts > 0 && ` (attempt ${call.callback.attempts})`}</td>
        <td>{call.agentId ?? ''}</td>
        <td>{duration(now - (call.answeredAt ?? call.enqueuedAt))}</td>
        <td class="buttons inline">
          {call.state === 'talking' && (
            <>
              <button onClick={() => monitor('listen')}>Listen</button>
              <button onClick={() => monitor('whisper')}>Whisper</button>
              <button onClick={() => monitor('barge')}>Barge</button>
            </>
          )}
          <button class="secondary" aria-expanded={why} onClick={() => setWhy(!why)}>Why?</button>
          {call.state !== 'ended' && <button class="danger" onClick={end}>End</button>}
        </td>
      </tr>
      {why && (
        <tr class="why-row">
          <td colSpan={6}><WhyRouting callId={call.id} /></td>
        </tr>
      )}
    </>
  );
}

function AgentCard({ agent, now }: { agent: LiveAgent; now: number }) {
  return (
    <div class={`agent-card state-${agent.state}`} data-agent={agent.id}>
      <strong>{agent.name}</strong> <span class="muted">{agent.id}</span>
      <div>
        <span class={`state state-${agent.state}`}>{agent.state}</span> {agent.reason && <span class="reason">{agent.reason}</span>}
      </div>
      <div class="timer">{agent.since ? duration(now - agent.since) : ''}</div>
      {!agent.deviceRegistered && agent.state !== 'logged-out' && <div class="muted">phone offline</div>}
    </div>
  );
}
