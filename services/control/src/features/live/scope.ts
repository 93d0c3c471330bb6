import type { LiveAgent, LiveAlert, LiveCallView, LiveSurvey } from '@hotline/contracts';
import type { Principal } from '../auth/token.js';

/**
 * What each role may see on the stream. An agent: their own state, calls and survey results,
 * plus queue figures. A supervisor: their team's agents, calls waiting for anyone or handled by
 * their team, and alerts about queues or their team. An admin: everything.
 */
export interface Scope {
  agent(agent: LiveAgent): boolean;
  call(call: LiveCallView): boolean;
  alert(alert: LiveAlert): boolean;
  survey(survey: LiveSurvey): boolean;
}

export function scopeOf(principal: Principal, teamOf: (agentId: string) => string | null): Scope {
  if (principal.role === 'admin') return { agent: () => true, call: () => true, alert: () => true, survey: () => true };
  if (principal.role === 'agent') {
    const own = (agentId: string | null) => agentId !== null && agentId === principal.agentId;
    return {
      agent: (agent) => own(agent.id),
      call: (call) => own(call.agentId),
      alert: () => false,
      survey: (survey) => own(survey.agentId),
    };
  }
  const inTeam = (agentId: string | null) => agentId !== null && principal.teamId !== null && teamOf(agentId) === principal.teamId;
  return {
    agent: (agent) => agent.teamId !== null && agent.teamId === principal.teamId,
    // A call nobody has taken yet belongs to every team that could take it.
    call: (call) => call.agentId === null ? call.state !== 'ended' : inTeam(call.agentId),
    alert: (alert) => alert.agentId === null ? alert.queueId !== null : inTeam(alert.agentId),
    survey: (survey) => inTeam(survey.agentId),
  };
}
