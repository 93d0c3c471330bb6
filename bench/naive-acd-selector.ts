// The ACD selection rules written the plain way: every decision scans every agent or every
// waiting call, straight from the plain-data config. It shares no code with packages/acd on
// purpose: the benchmark measures the engine against it, and the engine's property tests use it
// as the oracle the indexed engine must agree with.
import type { QueueConfig, SkillRequirement } from '@hotline/acd';

export interface NaiveAgent {
  readonly id: string;
  readonly skills: Readonly<Record<string, number>>;
  /** Ready with a registered softphone and no call. */
  ready: boolean;
  idleSince: number;
}

export interface NaiveCall {
  readonly id: string;
  readonly queueId: string;
  readonly priority: number;
  readonly enqueuedAt: number;
}

export interface NaivePick {
  readonly callId: string;
  readonly agentId: string;
}

function byId(a: { readonly id: string }, b: { readonly id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function levelRequired(requirement: SkillRequirement, waitMs: number): number {
  let level = requirement.minLevel;
  for (const step of requirement.expansion ?? []) if (waitMs >= step.afterSeconds * 1000) level = step.minLevel;
  return level;
}

function canServe(agent: NaiveAgent, queue: QueueConfig, waitMs: number): boolean {
  return queue.skills.every((requirement) => (agent.skills[requirement.skill] ?? 0) >= levelRequired(requirement, waitMs));
}

function score(agent: NaiveAgent, queue: QueueConfig): number {
  return queue.skills.reduce((sum, requirement) => sum + (agent.skills[requirement.skill] ?? 0), 0);
}

function prefers(queue: QueueConfig, a: NaiveAgent, b: NaiveAgent): boolean {
  const longerIdle = a.idleSince - b.idleSince || byId(a, b);
  if (queue.strategy !== 'best-skill') return longerIdle < 0;
  const higher = score(a, queue) - score(b, queue);
  return higher > 0 || (higher === 0 && longerIdle < 0);
}

function rank(queues: ReadonlyMap<string, QueueConfig>, a: NaiveCall, b: NaiveCall): number {
  const weight = (call: NaiveCall): number => queues.get(call.queueId)?.weight ?? 0;
  return b.priority - a.priority || weight(b) - weight(a) || a.enqueuedAt - b.enqueuedAt || byId(a, b);
}

export function naiveAgentForCall(queue: QueueConfig, call: NaiveCall, agents: readonly NaiveAgent[], now: number): NaiveAgent | undefined {
  let best: NaiveAgent | undefined;
  for (const agent of agents) {
    if (!agent.ready || !canServe(agent, queue, now - call.enqueuedAt)) continue;
    if (best === undefined || prefers(queue, agent, best)) best = agent;
  }
  return best;
}

export function naiveCallForAgent(
  agent: NaiveAgent,
  calls: Iterable<NaiveCall>,
  queues: ReadonlyMap<string, QueueConfig>,
  now: number,
): NaiveCall | undefined {
  let best: NaiveCall | undefined;
  for (const call of calls) {
    if (!canServe(agent, queues.get(call.queueId) as QueueConfig, now - call.enqueuedAt)) continue;
    if (best === undefined || rank(queues, call, best) < 0) best = call;
  }
  return best;
}

/** Every waiting call in rank order takes the agent its queue prefers among those still free. */
export function naiveDispatch(
  queues: ReadonlyMap<string, QueueConfig>,
  agents: readonly NaiveAgent[],
  calls: readonly NaiveCall[],
  now: number,
): NaivePick[] {
  const free = agents.map((agent) => ({ ...agent }));
  const picks: NaivePick[] = [];
  for (const call of [...calls].sort((a, b) => rank(queues, a, b))) {
    const agent = naiveAgentForCall(queues.get(call.queueId) as QueueConfig, call, free, now);
    if (agent === undefined) continue;
    agent.ready = false;
    picks.push({ callId: call.id, agentId: agent.id });
  }
  return picks;
}
