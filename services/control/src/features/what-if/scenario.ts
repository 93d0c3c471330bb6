import type { Agent, Queue } from '@hotline/contracts';
import { presenceTimelines, type PresenceChange } from './presence.js';
import type { RecordedDay } from './recorded-day.js';
import { ReportRequestError } from '../reports/request-error.js';

/** The rules and staffing a replay runs under. */
export interface Scenario {
  queues: Queue[];
  agents: Agent[];
  /** Agent id → their recorded (or assumed) presence changes. */
  presence: Map<string, PresenceChange[]>;
}

/** A queue's routing settings to try instead of its own; absent fields stay as they are. */
export type QueueChange = { queueId: string } & Partial<Pick<Queue, 'wrapupSecs' | 'ringTimeoutSecs' | 'maxWaitSecs' | 'skills' | 'expansion'>>;

/** An agent who was not there: Ready all the time, or keeping another agent's hours. */
export interface AddedAgent {
  id: string;
  skills: Agent['skills'];
  copyTimelineOf?: string;
}

export interface WhatIfChanges {
  queues?: QueueChange[];
  removeAgents?: string[];
  addAgents?: AddedAgent[];
}

/** The day as it ran. */
export function recordedScenario(day: RecordedDay): Scenario {
  return { queues: day.queues, agents: day.agents, presence: presenceTimelines(day.intervals) };
}

function refuse(field: string, problem: string): never {
  throw new ReportRequestError(400, `body/changes/${field} ${problem}`);
}

function checkSkills(field: string, skillIds: readonly string[], knownSkills: ReadonlySet<string>): void {
  skillIds.forEach((skillId, i) => {
    if (!knownSkills.has(skillId)) refuse(`${field}/${i}/skillId`, `names no skill '${skillId}'`);
  });
}

function changedQueue(queue: Queue, change: QueueChange, field: string, knownSkills: ReadonlySet<string>): Queue {
  if (change.skills) checkSkills(`${field}/skills`, change.skills.map((s) => s.skillId), knownSkills);
  change.expansion?.forEach((step, i) => {
    const previous = change.expansion?.[i - 1];
    if (previous === undefined) return;
    if (step.afterSecs <= previous.afterSecs) refuse(`${field}/expansion/${i}/afterSecs`, 'must be later than the step before');
    // Expansion only relaxes: the engine relies on an older call being no harder to serve.
    if (step.minLevel > previous.minLevel) refuse(`${field}/expansion/${i}/minLevel`, 'must not be above the step before');
  });
  const { queueId: _id, ...settings } = change;
  return { ...queue, ...settings };
}

/**
 * The recorded scenario with the changes made, refusing (400, naming the field) a change that
 * names an unknown queue, agent or skill, removes an agent twice or adds one who exists.
 */
export function changedScenario(recorded: Scenario, changes: WhatIfChanges, knownSkills: ReadonlySet<string>): Scenario {
  const queues = new Map(recorded.queues.map((queue) => [queue.id, queue]));
  (changes.queues ?? []).forEach((change, i) => {
    const queue = queues.get(change.queueId);
    if (queue === undefined) refuse(`queues/${i}/queueId`, `names no queue '${change.queueId}'`);
    queues.set(queue.id, changedQueue(queue, change, `queues/${i}`, knownSkills));
  });

  const agents = new Map(recorded.agents.map((agent) => [agent.id, agent]));
  const presence = new Map(recorded.presence);
  (changes.removeAgents ?? []).forEach((agentId, i) => {
    if (!agents.delete(agentId)) refuse(`removeAgents/${i}`, `names no agent '${agentId}' (or names it twice)`);
    presence.delete(agentId);
  });
  (changes.addAgents ?? []).forEach((added, i) => {
    if (agents.has(added.id) || recorded.agents.some((agent) => agent.id === added.id)) refuse(`addAgents/${i}/id`, `'${added.id}' is an agent already`);
    checkSkills(`addAgents/${i}/skills`, added.skills.map((s) => s.skillId), knownSkills);
    let timeline: PresenceChange[] = [{ at: -Infinity, presence: 'available' }];
    if (added.copyTimelineOf !== undefined) {
      if (!recorded.agents.some((agent) => agent.id === added.copyTimelineOf)) refuse(`addAgents/${i}/copyTimelineOf`, `names no agent '${added.copyTimelineOf}'`);
      timeline = recorded.presence.get(added.copyTimelineOf) ?? [];
    }
    agents.set(added.id, { id: added.id, name: `added ${added.id}`, teamId: null, skills: added.skills });
    presence.set(added.id, timeline);
  });
  return { queues: [...queues.values()], agents: [...agents.values()], presence };
}

/** Whether anything is changed at all: then the replay of the recorded scenario is the prediction. */
export function changesAnything(changes: WhatIfChanges): boolean {
  return (changes.queues?.length ?? 0) + (changes.removeAgents?.length ?? 0) + (changes.addAgents?.length ?? 0) > 0;
}
