import { useEffect, useState } from 'preact/hooks';
import type { LiveAgent, LiveAlert, LiveCallView, LiveMessage, LiveQueueFigures, LiveSurvey } from '@hotline/contracts/live';
import { currentSession } from './api.js';

export interface LiveState {
  connected: boolean;
  agents: Map<string, LiveAgent>;
  calls: Map<string, LiveCallView>;
  queues: Map<string, LiveQueueFigures>;
  alerts: Map<string, LiveAlert>;
  surveys: LiveSurvey[];
}

const empty = (): LiveState => ({ connected: false, agents: new Map(), calls: new Map(), queues: new Map(), alerts: new Map(), surveys: [] });
/** An ended call stays on screen this long so its outcome can be read. */
const ENDED_VISIBLE_MS = 5_000;

const put = <K, V>(map: Map<K, V>, key: K, value: V) => new Map(map).set(key, value);
const drop = <K, V>(map: Map<K, V>, key: K) => {
  const next = new Map(map);
  next.delete(key);
  return next;
};

/** Applies one stream message; returns a new state object so Preact re-renders. */
export function applyMessage(state: LiveState, message: LiveMessage): LiveState {
  switch (message.type) {
    case 'snapshot':
      return {
        connected: true,
        agents: new Map(message.agents.map((a) => [a.id, a])),
        calls: new Map(message.calls.map((c) => [c.id, c])),
        queues: new Map(message.queues.map((q) => [q.id, q])),
        alerts: new Map(message.alerts.map((a) => [a.key, a])),
        surveys: state.surveys,
      };
    case 'agent':
      return { ...state, agents: put(state.agents, message.agent.id, message.agent) };
    case 'call':
      return { ...state, calls: put(state.calls, message.call.id, message.call) };
    case 'call-hidden':
      return { ...state, calls: drop(state.calls, message.callId) };
    case 'queue':
      return { ...state, queues: put(state.queues, message.queue.id, message.queue) };
    case 'alert':
      return { ...state, alerts: put(state.alerts, message.alert.key, message.alert) };
    case 'alert-cleared':
      return { ...state, alerts: drop(state.alerts, message.key) };
    case 'survey':
      return { ...state, surveys: [message.survey, ...state.surveys].slice(0, 20) };
    default:
      return state;
  }
}

/**
 * The live stream as Preact state: connects, authenticates with the first message, applies the
 * snapshot and deltas, and reconnects with backoff (each reconnect starts from a fresh snapshot).
 */
export function useLive(): LiveState {
  const [state, setState] = useState<LiveState>(empty);
  useEffect(() => {
    let socket: WebSocket | undefined;
    let retry: number | undefined;
    let attempt = 0;
    let stopped = false;
    const connect = () => {
      const session = currentSession();
      if (!session || stopped) return;
      socket = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/stream`);
      socket.onopen = () => socket?.send(JSON.stringify({ type: 'auth', token: session.token }));
      socket.onmessage = (event) => {
        attempt = 0;
        const message = JSON.parse(String(event.data)) as LiveMessage;
        setState((s) => applyMessage(s, message));
        if (message.type === 'call' && message.change === 'ended') {
          window.setTimeout(() => setState((s) => applyMessage(s, { type: 'call-hidden', callId: message.call.id })), ENDED_VISIBLE_MS);
        }
      };
      socket.onclose = (event) => {
        setState((s) => ({ ...s, connected: false }));
        if (stopped || event.code === 4401) return;
        retry = window.setTimeout(connect, Math.min(10_000, 500 * 2 ** attempt++));
      };
    };
    connect();
    return () => {
      stopped = true;
      window.clearTimeout(retry);
      socket?.close();
    };
  }, []);
  return state;
}

/** The current time, re-rendered every second (timers on screen tick without server traffic). */
export function useNow(everyMs = 1000): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), everyMs);
    return () => window.clearInterval(timer);
  }, [everyMs]);
  return now;
}

export function duration(ms: number): string {
  const secs = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(secs / 3600);
  const m = Math.floor((secs % 3600) / 60);
  const s = secs % 60;
  const mmss = `${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
  return h > 0 ? `${h}:${mmss}` : mmss;
}

export function percent(share: number | null): string {
  return share === null ? '—' : `${Math.round(share * 100)}%`;
}
