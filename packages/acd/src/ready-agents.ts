// One queue's Ready agents: only those who have every skill it asks for, bucketed by the level of
// its first skill, each bucket longest idle first. Picking an agent for a call walks a handful of
// agents who can possibly take it, never the Ready agents who lack one of its skills.
import { MAX_LEVEL } from './config.js';
import type { ResolvedQueue } from './config.js';
import { minLevelAfter, qualifies, skillScore, type RankedSkills } from './skill-thresholds.js';
import { SortedArray } from './sorted-array.js';
import type { AgentId, SkillId, Strategy } from './types.js';

export interface IndexedAgent {
  readonly id: AgentId;
  readonly skills: ReadonlyMap<SkillId, number>;
  /** Must not change while the agent is in the index. */
  readonly idleSince: number;
}

/** What a strategy's order depends on: the queue's own settings, or those a call was judged at. */
export interface Ranking extends RankedSkills {
  readonly strategy: Strategy;
}

/** Longest idle first; the id settles equal times so every run picks the same agent. */
function byIdle(a: IndexedAgent, b: IndexedAgent): number {
  return a.idleSince - b.idleSince || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Whether the queue's strategy prefers agent `a` to agent `b`. */
function prefers(queue: Ranking, a: IndexedAgent, b: IndexedAgent): boolean {
  const higher = queue.strategy === 'best-skill' ? skillScore(a.skills, queue) - skillScore(b.skills, queue) : 0;
  return higher > 0 || (higher === 0 && byIdle(a, b) < 0);
}

/** The queue's strategy as a sort order: the agent it would pick first comes first. */
export function byPreference(queue: Ranking): (a: IndexedAgent, b: IndexedAgent) => number {
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

export class QueueReadyAgents<A extends IndexedAgent> {
  /** Indexed by the level of the queue's first skill (index 0 unused). */
  private readonly buckets = Array.from({ length: MAX_LEVEL + 1 }, () => new SortedArray<A>(byIdle));
  private readonly driving: ResolvedQueue['skills'][number];

  /** Only agents who have every one of the queue's skills may be added. */
  constructor(private readonly queue: ResolvedQueue) {
    this.driving = queue.skills[0] as ResolvedQueue['skills'][number];
  }

  add(agent: A): void {
    this.bucketOf(agent).add(agent);
  }

  remove(agent: A): void {
    this.bucketOf(agent).delete(agent);
  }

  /** The agent the queue's strategy picks for a call that has waited `waitMs`, if any. */
  select(waitMs: number): A | undefined {
    const minLevel = minLevelAfter(this.driving, waitMs);
    return this.queue.strategy === 'best-skill' ? this.bestSkill(waitMs, minLevel) : this.longestIdle(waitMs, minLevel);
  }

  private bucketOf(agent: A): SortedArray<A> {
    return this.buckets[agent.skills.get(this.driving.skill) as number] as SortedArray<A>;
  }

  /** The longest idle full match among the buckets at or above the first skill's threshold. */
  private longestIdle(waitMs: number, minLevel: number): A | undefined {
    let best: A | undefined;
    for (let level = minLevel; level <= MAX_LEVEL; level++) {
      // A bucket runs longest idle first: past the first agent less idle than the best, none can win.
      for (const agent of this.buckets[level] as SortedArray<A>) {
        if (best !== undefined && byIdle(agent, best) > 0) break;
        if (qualifies(agent.skills, this.queue, waitMs)) {
          best = agent;
          break;
        }
      }
    }
    return best;
  }

  /**
   * Highest summed level over the queue's skills, ties to the longest idle. Buckets are walked from
   * the top level down and the walk stops once no lower bucket can reach the best score found.
   */
  private bestSkill(waitMs: number, minLevel: number): A | undefined {
    const othersMax = MAX_LEVEL * (this.queue.skills.length - 1);
    let best: A | undefined;
    let bestScore = -1;
    for (let level = MAX_LEVEL; level >= minLevel && bestScore <= level + othersMax; level--) {
      for (const agent of this.buckets[level] as SortedArray<A>) {
        if (!qualifies(agent.skills, this.queue, waitMs)) continue;
        const score = skillScore(agent.skills, this.queue);
        if (best === undefined || prefers(this.queue, agent, best)) [best, bestScore] = [agent, score];
        // Later agents in this bucket are less idle and cannot score higher than this one did.
        if (score === level + othersMax) break;
      }
    }
    return best;
  }
}
