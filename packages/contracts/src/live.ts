/**
 * Messages on the live event stream (`GET /stream`, a websocket). The client authenticates with its
 * first message, `{ "type": "auth", "token": "<bearer token>" }`, then receives a snapshot and
 * deltas. A client that reconnects gets a fresh snapshot; there is no replay.
 */
export type LiveAgentState = 'logged-out' | 'ready' | 'not-ready' | 'reserved' | 'on-call' | 'wrap-up';

export interface LiveAgent {
  id: string;
  name: string;
  teamId: string | null;
  state: LiveAgentState;
  reason: string | null;
  /** Epoch ms the agent entered the state. */
  since: number;
  deviceRegistered: boolean;
  callId: string | null;
  wrapUpEndsAt: number | null;
}

/** 'callback': the caller hung up to be called back and the call keeps its place; 'calling-back': an agent is on it and the customer's phone rings. */
export type LiveCallStateName = 'greeting' | 'waiting' | 'callback' | 'ringing' | 'calling-back' | 'dialing' | 'talking' | 'voicemail' | 'ended';

export interface LiveCallView {
  id: string;
  queueId: string;
  customerNumber: string;
  customerTier: string;
  state: LiveCallStateName;
  agentId: string | null;
  enqueuedAt: number;
  answeredAt: number | null;
  endedAt: number | null;
  outcome: string | null;
  recording: 'off' | 'on' | 'paused';
  held: boolean;
  muted: boolean;
  /** Set once the caller asked to be called back. */
  callback: { requestedAt: number; attempts: number; retryAt: number | null; status: 'completed' | 'failed' | 'cancelled' | null } | null;
}

export interface LiveQueueFigures {
  id: string;
  name: string;
  waiting: number;
  /** Enqueue time of the longest-waiting caller, so clients tick the wait themselves. */
  oldestWaitingSince: number | null;
  /** Callbacks booked and not yet connected: they hold places in line with nobody on the phone. */
  callbacks: number;
  slTargetPct: number;
  slThresholdSecs: number;
  /** Today so far (service's local day); rates 0–1, null with nothing to divide by. */
  today: { offered: number; answered: number; abandoned: number; serviceLevel: number | null; abandonRate: number | null; asaSeconds: number | null };
  /** Agents who can serve the queue, by state. */
  agents: Record<LiveAgentState, number>;
}

export type AlertKind = 'service-level' | 'abandon-rate' | 'long-wait' | 'agent-stuck' | 'detractor' | 'voicemail';

export interface LiveAlert {
  /** Stable while the condition lasts: raising the same alert again does not repeat it. */
  key: string;
  kind: AlertKind;
  queueId: string | null;
  agentId: string | null;
  callId: string | null;
  message: string;
  raisedAt: number;
}

export interface LiveSurvey {
  callId: string;
  agentId: string | null;
  queueId: string;
  scale: 'csat' | 'nps';
  score: number | null;
  detractor: boolean;
}

export interface LiveSnapshot {
  type: 'snapshot';
  at: number;
  agents: LiveAgent[];
  queues: LiveQueueFigures[];
  calls: LiveCallView[];
  alerts: LiveAlert[];
}

/** 'announced' (a position announcement) changes nothing a client shows and is not sent on the stream. */
export type CallChange = 'enqueued' | 'dialing' | 'waiting' | 'offered' | 'returned' | 'answered' | 'overflowed' | 'recording' | 'hold' | 'mute' | 'announced' | 'callback' | 'ended';

export type LiveDelta =
  | { type: 'agent'; agent: LiveAgent }
  | { type: 'call'; change: CallChange; call: LiveCallView }
  /** A call this client saw has moved out of its scope (e.g. answered by another team). */
  | { type: 'call-hidden'; callId: string }
  | { type: 'queue'; queue: LiveQueueFigures }
  | { type: 'alert'; alert: LiveAlert }
  | { type: 'alert-cleared'; key: string }
  | { type: 'survey'; survey: LiveSurvey };

export type LiveMessage = LiveSnapshot | LiveDelta | { type: 'error'; message: string };
