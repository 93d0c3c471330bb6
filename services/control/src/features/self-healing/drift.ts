import type { ChannelSummary } from '@hotline/asterisk';
import type { LiveCallState } from '../calls/live-calls.js';

/** What the control service believes about one call, as the reconciler reads it. */
export interface CallBelief {
  id: string;
  state: LiveCallState;
  callerChannelId: string;
  agentChannelId: string | null;
  agentId: string | null;
  /** A booked callback: nobody is on the line until the customer's leg is dialled. */
  callback: boolean;
  /** When the call entered its queue. */
  enqueuedAt: number;
}

/** What the router believes about one agent. */
export interface AgentBelief {
  id: string;
  state: string;
  callId?: string;
}

/**
 * A difference between our view and Asterisk's:
 * - caller-gone: a call we hold whose caller's channel no longer exists (a missed hang-up);
 * - offer-gone: an agent is being rung but the ringing leg no longer exists;
 * - agent-leg-gone: a talking call whose agent's channel no longer exists;
 * - agent-without-call: the router has an agent reserved for or talking on a call we no longer hold;
 * - unknown-caller: a caller's channel waits in our Stasis app but no call of ours has it (its
 *   StasisStart was lost, or failed half-way): left alone, that caller hears silence for ever;
 * - greeting-stuck: a call still "greeting" long after any greeting ends (the playback's end was
 *   lost): it waits in line, but hears no position and no hold music.
 */
export type Drift =
  | { kind: 'caller-gone'; callId: string; agentId: string | null; channelId: string; believed: LiveCallState }
  | { kind: 'offer-gone'; callId: string; agentId: string | null; channelId: string; believed: LiveCallState }
  | { kind: 'agent-leg-gone'; callId: string; agentId: string | null; channelId: string; believed: LiveCallState }
  | { kind: 'agent-without-call'; callId: string; agentId: string; believed: string }
  | { kind: 'unknown-caller'; callId: null; agentId: null; channel: StasisChannel }
  | { kind: 'greeting-stuck'; callId: string; agentId: null; since: number };

/** The greeting lasts seconds; a call greeting for longer than this lost the greeting's end. */
export const GREETING_STUCK_MS = 60_000;

/** A channel in our Stasis app, as Asterisk lists it, with its Stasis() arguments (e.g. ['inbound', '7000']). */
export type StasisChannel = Omit<ChannelSummary, 'stasisArgs'> & { args: string[] };

/** Agent states that hold a call. */
const HOLDING_A_CALL = new Set(['Reserved', 'OnCall']);

/** A drift's identity across passes: the same difference seen twice is corrected, once is not. */
export function driftKey(drift: Drift): string {
  if (drift.kind === 'unknown-caller') return `${drift.kind}:${drift.channel.id}`;
  return `${drift.kind}:${drift.callId}:${'channelId' in drift ? drift.channelId : drift.agentId}`;
}

/**
 * Compares beliefs with the channels Asterisk has. Beliefs must be read before the channel list is
 * requested: a channel created after the listing then cannot look missing.
 */
export function findDrift(
  calls: readonly CallBelief[],
  agents: readonly AgentBelief[],
  channels: ReadonlySet<string>,
  inStasis: readonly StasisChannel[] = [],
  now = Number.NEGATIVE_INFINITY,
): Drift[] {
  const drifts: Drift[] = [];
  const held = new Set<string>();
  for (const call of calls) {
    if (call.state === 'ended') continue;
    held.add(call.id);
    const base = { callId: call.id, agentId: call.agentId, believed: call.state };
    // A booked callback has nobody on the line, nor has an outbound call before the customer is rung.
    const callerOnLine = call.state === 'calling-back' || call.state === 'talking' || (!call.callback && call.state !== 'dialing');
    if (callerOnLine && !channels.has(call.callerChannelId)) drifts.push({ kind: 'caller-gone', channelId: call.callerChannelId, ...base });
    else if (call.state === 'greeting' && now - call.enqueuedAt > GREETING_STUCK_MS) drifts.push({ kind: 'greeting-stuck', callId: call.id, agentId: null, since: call.enqueuedAt });
    else if (call.agentChannelId && !channels.has(call.agentChannelId)) {
      if (call.state === 'ringing' || call.state === 'dialing') drifts.push({ kind: 'offer-gone', channelId: call.agentChannelId, ...base });
      if (call.state === 'talking' || call.state === 'calling-back') drifts.push({ kind: 'agent-leg-gone', channelId: call.agentChannelId, ...base });
    }
  }
  // Any call we hold, ended ones included (a caller may still be rating the call), knows its caller.
  const knownCallers = new Set(calls.map((c) => c.callerChannelId));
  for (const channel of inStasis) {
    if (channel.args[0] === 'inbound' && !knownCallers.has(channel.id)) drifts.push({ kind: 'unknown-caller', callId: null, agentId: null, channel });
  }
  for (const agent of agents) {
    if (HOLDING_A_CALL.has(agent.state) && agent.callId && !held.has(agent.callId)) {
      drifts.push({ kind: 'agent-without-call', callId: agent.callId, agentId: agent.id, believed: agent.state });
    }
  }
  return drifts;
}
