// Ready agents indexed by skill and level, each bucket ordered longest idle first, so picking an
// agent for a call touches a handful of buckets instead of every agent.
import { MAX_LEVEL } from './config.js';
import type { ResolvedQueue } from './config.js';
import { qualifies, skillScore, thresholdsAt } from './skill-thresholds.js';
import type { Threshold } from './skill-thresholds.js';
import { SortedArray } from './sorted-array.js';
import type { AgentId, SkillId } from './types.js';

export interface IndexedAgent {
  readonly id: AgentId;
  readonly skills: ReadonlyMap<SkillId, number>;
  /** Must not change while the agent is in the index. */
  readonly idleSince: number;
}

/** Longest idle first; the id settles equal times so every run picks the same agent. */
function byIdle(a: IndexedAgent, b: IndexedAgent): number {
  return a.idleSince - b.idleSince || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Whether the queue's strategy prefers agent `a` to agent `b`. */
function prefers(queue: ResolvedQueue, a: IndexedAgent, b: IndexedAgent): boolean {
  const higher = queue.strategy === 'best-skill' ? skillScore(a.skills, queue) - skillScore(b.skills, queue) : 0;
  return higher > 0 || (higher === 0 && byIdle(a, b) < 0);
}

/** The queue's strategy as a sort order: the agent it would pick first comes first. */
export function byPreference(queue: ResolvedQueue): (a: IndexedAgent, b: IndexedAgent) => number {
  return (a, b) => (prefers(queue, a, b) ? -1 : prefers(queue, b, a) ? 1 : 0);
}

/** The strategy's pick from a short list, checked one by one. */
export function pickAmong<A extends IndexedAgent>(agents: Iterable<A>, queue: ResolvedQueue, waitMs: number): A | undefined {
  let best: A | undefined;
  for (const agent of agents) {
    if (qualifies(agent.skills, queue, waitMs) && (best === undefined || prefers(queue, agent, best))) best = agent;
  }
  return best;
}

export class ReadyAgents<A extends IndexedAgent> {
  /** skill → buckets indexed by level (index 0 unused). */
  private readonly bySkill = new Map<SkillId, SortedArray<A>[]>();

  add(agent: A): void {
    for (const [skill, level] of agent.skills) this.buckets(skill)[level]?.add(agent);
  }

  remove(agent: A): void {
    for (const [skill, level] of agent.skills) this.bySkill.get(skill)?.[level]?.delete(agent);
  }

  /** The agent the queue's strategy picks for a call that has waited `waitMs`, if any. */
  select(queue: ResolvedQueue, waitMs: number): A | undefined {
    // Walk the skill with the fewest candidates; the others are checked per agent.
    const thresholds = thresholdsAt(queue, waitMs);
    let driving = thresholds[0] as Threshold;
    let fewest = Infinity;
    for (const threshold of thresholds) {
      const count = this.count(threshold);
      if (count < fewest) [driving, fewest] = [threshold, count];
    }
    if (fewest === 0) return undefined;
    return queue.strategy === 'best-skill'
      ? this.bestSkill(queue, waitMs, driving)
      : this.longestIdle(queue, waitMs, driving);
  }

  private buckets(skill: SkillId): SortedArray<A>[] {
    let buckets = this.bySkill.get(skill);
    if (buckets === undefined) {
      buckets = Array.from({ length: MAX_LEVEL + 1 }, () => new SortedArray<A>(byIdle));
      this.bySkill.set(skill, buckets);
    }
    return buckets;
  }

  private count(threshold: Threshold): number {
    const buckets = this.bySkill.get(threshold.skill) ?? [];
    let count = 0;
    for (let level = threshold.minLevel; level <= MAX_LEVEL; level++) count += buckets[level]?.size ?? 0;
    return count;
  }

  /** The longest idle full match among the driving skill's buckets at or above its threshold. */
  private longestIdle(queue: ResolvedQueue, waitMs: number, driving: Threshold): A | undefined {
    const buckets = this.buckets(driving.skill);
    let best: A | undefined;
    for (let level = driving.minLevel; level <= MAX_LEVEL; level++) {
      // A bucket runs longest idle first: past the first agent less idle than the best, none can win.
      for (const agent of buckets[level] as SortedArray<A>) {
        if (best !== undefined && byIdle(agent, best) > 0) break;
        if (qualifies(agent.skills, queue, waitMs)) best = agent;
      }
    }
    return best;
  }

  /**
   * Highest summed level over the queue's skills, ties to the longest idle. Buckets are walked from
   * the top level down and the walk stops once no lower bucket can reach the best score found.
   */
  private bestSkill(queue: ResolvedQueue, waitMs: number, driving: Threshold): A | undefined {
    const othersMax = MAX_LEVEL * (queue.skills.length - 1);
    const buckets = this.buckets(driving.skill);
    let best: A | undefined;
    let bestScore = -1;
    for (let level = MAX_LEVEL; level >= driving.minLevel && bestScore <= level + othersMax; level--) {
      for (const agent of buckets[level] as SortedArray<A>) {
        if (!qualifies(agent.skills, queue, waitMs)) continue;
        const score = skillScore(agent.skills, queue);
        if (best === undefined || prefers(queue, agent, best)) [best, bestScore] = [agent, score];
        // Later agents in this bucket are less idle and cannot score higher than this one did.
        if (score === level + othersMax) break;
      }
    }
    return best;
  }
}
