import type { AgentSnapshot } from '@hotline/acd';
import type { Agent } from '@hotline/contracts';
import { Type, type Static } from '@sinclair/typebox';
import { AGENT_STATE_NAMES, Agent as AgentSchema } from '@hotline/contracts';

export const AgentStateName = Type.Union([
  Type.Literal('logged-out'),
  Type.Literal('ready'),
  Type.Literal('not-ready'),
  Type.Literal('reserved'),
  Type.Literal('on-call'),
  Type.Literal('wrap-up'),
]);

export const AgentView = Type.Intersect([
  AgentSchema,
  Type.Object({
    state: AgentStateName,
    reason: Type.Union([Type.String(), Type.Null()]),
    since: Type.Integer(),
    deviceRegistered: Type.Boolean(),
    callId: Type.Union([Type.String(), Type.Null()]),
  }),
]);
export type AgentView = Static<typeof AgentView>;

/** An agent's configuration with its live state, as the API shows it. */
export function agentView(agent: Agent, live: AgentSnapshot | undefined): AgentView {
  return {
    ...agent,
    state: live ? AGENT_STATE_NAMES[live.state] : 'logged-out',
    reason: live?.reason ?? null,
    since: live?.since ?? 0,
    deviceRegistered: live?.deviceRegistered ?? false,
    callId: live?.callId ?? null,
  };
}
