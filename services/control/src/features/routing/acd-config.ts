import type { AgentConfig, QueueConfig } from '@hotline/acd';
import type { Agent, Queue } from '@hotline/contracts';

/** Queue settings as the administrator stores them → the routing engine's shape. */
export function toQueueConfig(queue: Queue): QueueConfig {
  return {
    id: queue.id,
    strategy: queue.strategy,
    weight: queue.weight,
    maxWaiting: queue.maxWaiting,
    maxWaitSeconds: queue.maxWaitSecs,
    overflow: queue.overflow,
    ringTimeoutSeconds: queue.ringTimeoutSecs,
    wrapUpSeconds: queue.wrapupSecs,
    skills: queue.skills.map((s) => ({
      skill: s.skillId,
      minLevel: s.minLevel,
      // Expansion only ever relaxes a requirement, so a step above the skill's own level is capped.
      expansion: queue.expansion.map((e) => ({ afterSeconds: e.afterSecs, minLevel: Math.min(e.minLevel, s.minLevel) })),
    })),
  };
}

export function toAgentConfig(agent: Agent): AgentConfig {
  return { id: agent.id, skills: Object.fromEntries(agent.skills.map((s) => [s.skillId, s.level])) };
}
