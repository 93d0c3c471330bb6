// Skill expansion: which level each required skill asks for after a call has waited a while.
import { MAX_LEVEL } from './config.js';
import type { ResolvedQueue, ResolvedRequirement } from './config.js';
import type { SkillId } from './types.js';

export interface Threshold {
  readonly skill: SkillId;
  readonly minLevel: number;
}

/** The level a requirement asks for once a call has waited `waitMs`. */
export function minLevelAfter(requirement: ResolvedRequirement, waitMs: number): number {
  // The first step starts at 0 ms, so any waiting call passes at least that one.
  let level = MAX_LEVEL;
  for (const step of requirement.steps) {
    if (step.afterMs > waitMs) break;
    level = step.minLevel;
  }
  return level;
}

export function thresholdsAt(queue: ResolvedQueue, waitMs: number): Threshold[] {
  return queue.skills.map((requirement) => ({ skill: requirement.skill, minLevel: minLevelAfter(requirement, waitMs) }));
}

/** Whether an agent with `skills` may take a call of `queue` that has waited `waitMs`. */
export function qualifies(skills: ReadonlyMap<SkillId, number>, queue: ResolvedQueue, waitMs: number): boolean {
  for (const requirement of queue.skills) {
    if ((skills.get(requirement.skill) ?? 0) < minLevelAfter(requirement, waitMs)) return false;
  }
  return true;
}

/** Wait (ms) at which any threshold next drops, or undefined when fully expanded. */
export function nextExpansionAfter(queue: ResolvedQueue, waitMs: number): number | undefined {
  let next: number | undefined;
  for (const requirement of queue.skills) {
    const step = requirement.steps.find((candidate) => candidate.afterMs > waitMs);
    if (step !== undefined && (next === undefined || step.afterMs < next)) next = step.afterMs;
  }
  return next;
}

/** The skills a queue ranks agents by: its requirements, or the thresholds a call was judged at. */
export interface RankedSkills {
  readonly skills: readonly { readonly skill: SkillId }[];
}

/** Whether an agent has every skill the queue asks for, at any level: only then can it ever qualify. */
export function covers(skills: ReadonlyMap<SkillId, number>, queue: RankedSkills): boolean {
  for (const { skill } of queue.skills) if (!skills.has(skill)) return false;
  return true;
}

/** The best-skill score: the agent's levels summed over the queue's skills. */
export function skillScore(skills: ReadonlyMap<SkillId, number>, queue: RankedSkills): number {
  let score = 0;
  for (const requirement of queue.skills) score += skills.get(requirement.skill) ?? 0;
  return score;
}
