import { InvalidTransitionError } from './errors.js';
import type { AgentId, AgentState, StateInterval } from './types.js';

export const DEFAULT_NOT_READY_REASONS: readonly string[] = ['break', 'lunch', 'training', 'meeting', 'other'];

/** Reasons only the engine sets; agents cannot pick them. */
export const MISSED_CALL = 'missed call';
export const DEVICE_OFFLINE = 'device offline';

export interface AgentStatus {
  readonly state: AgentState;
  readonly reason?: string;
  readonly since: number;
}

export type StateTarget =
  | { readonly state: 'NotReady'; readonly reason: string }
  | { readonly state: Exclude<AgentState, 'NotReady'> };

// Reserved → Ready is an offer withdrawn because the caller hung up; Reserved → NotReady is a
// missed offer; OnCall → Ready skips a zero-length wrap-up, or lands in NotReady when the
// softphone went offline during the call.
const ALLOWED: Readonly<Record<AgentState, readonly AgentState[]>> = {
  LoggedOut: ['Ready', 'NotReady'],
  Ready: ['NotReady', 'Reserved', 'LoggedOut'],
  NotReady: ['Ready', 'NotReady', 'LoggedOut'],
  Reserved: ['OnCall', 'NotReady', 'Ready'],
  OnCall: ['WrapUp', 'Ready', 'NotReady'],
  WrapUp: ['Ready', 'NotReady', 'LoggedOut'],
};

function canTransition(from: AgentStatus, to: StateTarget): boolean {
  const reason = to.state === 'NotReady' ? to.reason : undefined;
  const unchanged = from.state === to.state && from.reason === reason;
  return !unchanged && ALLOWED[from.state].includes(to.state);
}

/** Moves an agent to `to` at `now`, returning the new status and the interval it closed. */
export function transition(
  agentId: AgentId,
  from: AgentStatus,
  to: StateTarget,
  now: number,
): { status: AgentStatus; interval: StateInterval } {
  if (!canTransition(from, to)) throw new InvalidTransitionError(agentId, from.state, to.state);
  const status: AgentStatus = to.state === 'NotReady' ? { state: to.state, reason: to.reason, since: now } : { state: to.state, since: now };
  const interval: StateInterval =
    from.reason === undefined
      ? { agentId, state: from.state, from: from.since, to: now }
      : { agentId, state: from.state, reason: from.reason, from: from.since, to: now };
  return { status, interval };
}
