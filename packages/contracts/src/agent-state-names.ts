/**
 * The routing engine's agent states (packages/acd, also stored in agent_state_intervals) as the
 * API and the KPI math spell them.
 */
export const AGENT_STATE_NAMES = {
  LoggedOut: 'logged-out',
  Ready: 'ready',
  NotReady: 'not-ready',
  Reserved: 'reserved',
  OnCall: 'on-call',
  WrapUp: 'wrap-up',
} as const;

export type AgentStateName = (typeof AGENT_STATE_NAMES)[keyof typeof AGENT_STATE_NAMES];
