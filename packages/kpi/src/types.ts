/** What happened to a customer call in its queue. */
/**
 * 'callback': the caller hung up to be called back; counted in the callback figures, not as offered.
 * 'outbound': a call an agent placed; counted in the outbound figures, apart from the calls queues took.
 */
export type CallOutcome = 'answered' | 'abandoned' | 'overflowed' | 'voicemail' | 'callback' | 'blocked' | 'outbound';

/** How an outbound call went: the customer answered, or not (rang out, busy, unreachable), or the agent gave it up. */
export interface OutboundResult {
  status: 'answered' | 'no-answer' | 'busy' | 'failed' | 'cancelled';
}

/** What became of a callback: the customer talked to an agent, every attempt went unanswered, or it was called off. */
export interface CallbackResult {
  requestedAt: number;
  status: 'completed' | 'failed' | 'cancelled';
  attempts: number;
}

/** CSAT is scored 1–5, NPS 0–10. */
export interface SurveyResult {
  scale: 'csat' | 'nps';
  score: number;
}

/**
 * One customer call as a queue saw it (one `calls` row). Timestamps are epoch milliseconds;
 * durations are seconds. `waitSeconds` runs from enqueue to answer, or to hang-up when the
 * caller never reached an agent, and includes ring time.
 */
export interface CallRecord {
  queueId: string;
  /** The agent who answered; null when nobody did. */
  agentId: string | null;
  /** Null when the caller withheld the number. */
  customerNumber: string | null;
  enqueuedAt: number;
  answeredAt: number | null;
  endedAt: number;
  outcome: CallOutcome;
  waitSeconds: number;
  ringSeconds: number;
  talkSeconds: number;
  holdSeconds: number;
  wrapUpSeconds: number;
  /** Null when the caller was not surveyed or did not answer the survey. */
  survey: SurveyResult | null;
  surveyOffered: boolean;
  /** Wait estimates the caller heard before an agent answered, and their summed absolute error (s). */
  estimates?: number;
  estimateErrorSeconds?: number;
  /** Set for outcome 'callback'; `answeredAt` is then when the customer picked up the callback. */
  callback?: CallbackResult;
  /** Set for outcome 'outbound': `enqueuedAt` is when the agent dialled, `answeredAt` when the customer picked up. */
  outbound?: OutboundResult;
}

export type AgentState = 'ready' | 'not-ready' | 'reserved' | 'on-call' | 'wrap-up' | 'logged-out';

/** A closed span [from, to) in epoch ms; the caller closes still-open spans at extraction time. */
export interface AgentStateInterval {
  agentId: string;
  state: AgentState;
  from: number;
  to: number;
}
