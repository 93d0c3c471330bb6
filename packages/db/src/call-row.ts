import type { CallEvent, IvrExit, IvrStep, OutboundStatus } from '@hotline/contracts';

/** The `calls` row as the timeline so far describes it. */
export interface CallRow {
  id: string;
  queueId: string | null;
  customerNumber: string | null;
  customerTier: string | null;
  agentId: string | null;
  enqueuedAt: number | null;
  answeredAt: number | null;
  endedAt: number | null;
  outcome: string | null;
  waitSecs: number | null;
  talkSecs: number | null;
  hangupBy: string | null;
  recordingId: string | null;
  surveyOffered: boolean;
  surveyScale: 'csat' | 'nps' | null;
  surveyScore: number | null;
  ringSecs: number | null;
  channelId: string | null;
  wrapUpSecs: number | null;
  disposition: string | null;
  dispositionNote: string | null;
  holdSecs: number;
  transferredTo: string | null;
  /** Wait estimates announced to the caller before an agent answered, and their summed absolute error. */
  estimates: number;
  estimateErrorSecs: number;
  /** Set when the caller asked to be called back; attempts are calls placed to the customer. */
  callbackRequestedAt: number | null;
  callbackStatus: 'completed' | 'failed' | 'cancelled' | null;
  callbackAttempts: number;
  /** Set for an outbound call (outcome 'outbound'): how it went. */
  outboundStatus: OutboundStatus | null;
  /** The IVR menu the caller came through, their way through it, and how they left it. */
  menuId: string | null;
  menuPath: IvrStep[] | null;
  menuExit: IvrExit | null;
}

/**
 * Folds a call's events into its row. Events may arrive in any order (jobs run concurrently and
 * retry), so the row is always recomputed from the whole timeline, in time order, rather than patched.
 */
export function foldCallRow(callId: string, events: readonly CallEvent[]): CallRow {
  const row: CallRow = {
    id: callId, queueId: null, customerNumber: null, customerTier: null, agentId: null, enqueuedAt: null,
    answeredAt: null, endedAt: null, outcome: null, waitSecs: null, talkSecs: null, hangupBy: null, recordingId: null,
    surveyOffered: false, surveyScale: null, surveyScore: null,
    ringSecs: null, channelId: null, wrapUpSecs: null, disposition: null, dispositionNote: null,
    holdSecs: 0, transferredTo: null, estimates: 0, estimateErrorSecs: 0,
    callbackRequestedAt: null, callbackStatus: null, callbackAttempts: 0, outboundStatus: null,
    menuId: null, menuPath: null, menuExit: null,
  };
  let lastOfferedAt: number | null = null;
  const announced: { at: number; estimateSecs: number }[] = [];
  const timeline = [...events].sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const event of timeline) {
    switch (event.type) {
      case 'call.enqueued':
        Object.assign(row, { channelId: event.channelId, queueId: event.queueId, customerNumber: event.customerNumber, customerTier: event.customerTier, enqueuedAt: event.at });
        break;
      case 'call.answered':
        Object.assign(row, { agentId: event.agentId, answeredAt: event.at });
        // Ring time: from the offer that was answered (the last one) to the answer.
        if (lastOfferedAt !== null) row.ringSecs = (event.at - lastOfferedAt) / 1000;
        break;
      case 'call.ended':
        Object.assign(row, { endedAt: event.at, outcome: event.outcome, hangupBy: event.hangupBy, holdSecs: event.holdSecs ?? 0, transferredTo: event.transferredTo ?? null });
        row.callbackStatus = event.callbackStatus ?? null;
        row.outboundStatus = event.outboundStatus ?? null;
        break;
      case 'call.menu':
        Object.assign(row, { menuId: event.menuId, menuPath: event.path, menuExit: event.exit });
        row.customerNumber ??= event.customerNumber;
        break;
      case 'call.dialing':
        // An outbound call: it starts when the agent clicks, with the agent, the queue (its DID) and the number dialled.
        Object.assign(row, { agentId: event.agentId, queueId: event.queueId, customerNumber: event.customerNumber, customerTier: 'standard', enqueuedAt: event.at });
        break;
      case 'call.callback-requested':
        row.callbackRequestedAt = event.at;
        break;
      case 'call.callback-dialing':
        row.callbackAttempts = Math.max(row.callbackAttempts, event.attempt);
        break;
      case 'call.callback-attempt-failed':
        break;
      case 'call.overflowed':
        // The call now belongs to the queue it overflowed to; where it started is in the timeline.
        if (event.target.kind === 'queue') row.queueId = event.target.queueId;
        break;
      case 'call.surveyed':
        Object.assign(row, { surveyOffered: true, surveyScale: event.scale, surveyScore: event.score });
        break;
      case 'call.recorded':
        row.recordingId = event.recordingId;
        break;
      case 'call.offered':
        lastOfferedAt = event.at;
        break;
      case 'call.disposed':
        Object.assign(row, { disposition: event.code, dispositionNote: event.note });
        break;
      case 'call.wrapped':
        row.wrapUpSecs = event.wrapUpSecs;
        break;
      case 'call.announced':
        if (event.estimateSecs !== null) announced.push({ at: event.at, estimateSecs: event.estimateSecs });
        break;
    }
  }
  // An estimate is judged against the wait that followed it; a caller who never reached an agent
  // gives nothing to judge by, nor does one who left the line for a callback.
  const { answeredAt } = row;
  if (answeredAt !== null && row.callbackRequestedAt === null) {
    const before = announced.filter((a) => a.at <= answeredAt);
    row.estimates = before.length;
    row.estimateErrorSecs = before.reduce((sum, a) => sum + Math.abs(a.estimateSecs - (answeredAt - a.at) / 1000), 0);
  }
  const secs = (from: number | null, to: number | null) => (from !== null && to !== null ? (to - from) / 1000 : null);
  row.waitSecs = secs(row.enqueuedAt, row.answeredAt ?? row.endedAt);
  row.talkSecs = secs(row.answeredAt, row.endedAt);
  return row;
}
