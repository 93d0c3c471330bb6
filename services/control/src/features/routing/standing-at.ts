import type { AgentSnapshot, AgentStanding, StateInterval } from '@hotline/acd';

/** An agent as the router holds it now: skills as configured, and the live state. */
export interface AgentNow {
  readonly skills: ReadonlyMap<string, number>;
  readonly live: AgentSnapshot;
}

/**
 * Every agent as it stood at `at`, rebuilt after the fact: the closed state interval covering that
 * moment (stored, or still on its way to PostgreSQL), else the agent's live state when it had
 * begun by then. An agent with neither (its history never written) is left out rather than
 * guessed. Skills are as configured now; a call id is known only for a state still open.
 */
export function standingsAt(at: number, closed: Iterable<StateInterval>, agents: Iterable<AgentNow>): AgentStanding[] {
  const covering = new Map<string, StateInterval>();
  for (const interval of closed) if (interval.from <= at && at < interval.to) covering.set(interval.agentId, interval);
  const standings: AgentStanding[] = [];
  for (const { skills, live } of agents) {
    const interval = covering.get(live.id);
    if (interval) standings.push(fromInterval(interval, skills));
    else if (live.since <= at) standings.push(fromLive(live, skills));
  }
  return standings;
}

function fromInterval(interval: StateInterval, skills: ReadonlyMap<string, number>): AgentStanding {
  return {
    id: interval.agentId,
    skills,
    state: interval.state,
    ...(interval.reason !== undefined && { reason: interval.reason }),
    // The engine parks a Ready agent whose phone drops, so a Ready interval had its phone.
    registered: true,
    idleSince: interval.from,
    wrapUpUntil: interval.state === 'WrapUp' ? interval.to : null,
    callId: null,
  };
}

function fromLive(live: AgentSnapshot, skills: ReadonlyMap<string, number>): AgentStanding {
  return {
    id: live.id,
    skills,
    state: live.state,
    ...(live.reason !== undefined && { reason: live.reason }),
    registered: live.deviceRegistered,
    idleSince: live.idleSince,
    wrapUpUntil: live.wrapUpEndsAt ?? null,
    callId: live.callId ?? null,
  };
}
