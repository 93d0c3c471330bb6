import type { LiveAgent, LiveAlert, LiveCallView, LiveSurvey } from '@hotline/contracts';
import type { Principal } from '../auth/token.js';
import { teamScope } from '../auth/team-scope.js';

/**
 * What each role may see on the stream: the same team scope as the API's routes, plus queue
 * figures for everyone and alerts for supervisors (about queues, or about their team's agents).
 */
export interface Scope {
  agent(agent: LiveAgent): boolean;
  call(call: LiveCallView): boolean;
  alert(alert: LiveAlert): boolean;
  survey(survey: LiveSurvey): boolean;
}

export function scopeOf(principal: Principal, teamOf: (agentId: string) => string | null): Scope {
  const scope = teamScope(principal, teamOf);
  return {
    agent: (agent) => scope.agent(agent.id),
    // On the board a call nobody took leaves a supervisor's view when it ends.
    call: (call) => (call.agentId === null && principal.role === 'supervisor' ? call.state !== 'ended' : scope.call(call)),
    alert: (alert) => principal.role !== 'agent' && (alert.agentId === null ? principal.role === 'admin' || alert.queueId !== null : scope.agent(alert.agentId)),
    survey: (survey) => scope.agent(survey.agentId),
  };
}
