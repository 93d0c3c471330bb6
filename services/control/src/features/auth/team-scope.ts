import type { FastifyReply } from 'fastify';
import type { Principal } from './token.js';

/** What a call needs for a scope check: who has it. */
export interface ScopedCall {
  agentId: string | null;
}

/**
 * Who may see or act on what, for every route and the live stream alike. An agent: only
 * themselves and their own calls. A supervisor: the agents of their own team, calls handled by
 * that team, and calls nobody took (any team might have; an abandon is every team's concern). An
 * admin: everything.
 */
export interface TeamScope {
  agent(agentId: string | null): boolean;
  call(call: ScopedCall): boolean;
  /** The supervisor's team, when the scope is one team (undefined for an admin; null for a supervisor of no team). */
  readonly team: string | null | undefined;
}

export function teamScope(principal: Principal | undefined, teamOf: (agentId: string) => string | null): TeamScope {
  if (principal?.role === 'admin') return { agent: () => true, call: () => true, team: undefined };
  if (principal?.role === 'agent') {
    const own = (agentId: string | null) => agentId !== null && agentId === principal.agentId;
    return { agent: own, call: (call) => own(call.agentId), team: null };
  }
  const team = principal?.teamId ?? null;
  const inTeam = (agentId: string | null) => agentId !== null && team !== null && teamOf(agentId) === team;
  return {
    agent: inTeam,
    call: (call) => call.agentId === null || inTeam(call.agentId),
    team,
  };
}

/** 403 for an agent outside the caller's scope. */
export function outOfScope(reply: FastifyReply, agentId: string) {
  return reply.code(403).send({ statusCode: 403, error: 'Forbidden', message: `agent ${agentId} is outside your scope (agents: themselves; supervisors: their own team)` });
}
