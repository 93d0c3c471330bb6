import { mean, ratio } from './ratio.js';
import type { CallRecord } from './types.js';

export interface OutboundFigures {
  outboundCalls: number;
  /** Outbound calls the customer answered. */
  outboundConnected: number;
  /** Connected ÷ placed, leaving out those the agent gave up before the customer could answer. */
  outboundConnectRate: number | null;
  /** Mean talk time of connected outbound calls. */
  outboundTalkSeconds: number | null;
}

/** Calls agents placed are reported on their own: none of them was offered to a queue. */
export function outboundFigures(calls: readonly CallRecord[]): OutboundFigures {
  const outbound = calls.filter((call) => call.outcome === 'outbound');
  const connected = outbound.filter((call) => call.outbound?.status === 'answered');
  const attempted = outbound.filter((call) => call.outbound?.status !== 'cancelled').length;
  return {
    outboundCalls: outbound.length,
    outboundConnected: connected.length,
    outboundConnectRate: ratio(connected.length, attempted),
    outboundTalkSeconds: mean(connected.map((call) => call.talkSeconds)),
  };
}
