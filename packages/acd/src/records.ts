// The engine's mutable, in-memory records, and the plain snapshots it hands out of them.
import type { AgentStatus } from './agent-state.js';
import type { ResolvedQueue } from './config.js';
import type { QueueReadyAgents } from './ready-agents.js';
import type { Timer } from './timer-queue.js';
import type { AgentId, AgentSnapshot, CallId, CallSnapshot, SkillId } from './types.js';
import { byArrival } from './waiting-calls.js';
import type { WaitingCalls } from './waiting-calls.js';

export interface QueueRecord {
  config: ResolvedQueue;
  readonly waiting: WaitingCalls<CallRecord>;
  /** Every agent who has all the queue's skills, in any state. */
  roster: Set<AgentRecord>;
  /** The roster's Ready agents, indexed for picking. */
  ready: QueueReadyAgents<AgentRecord>;
}

export interface CallRecord {
  readonly id: CallId;
  readonly queue: QueueRecord;
  readonly priority: number;
  readonly enqueuedAt: number;
  /** A place kept for a callback: nobody on the line, so no max wait. */
  holdsPlace: boolean;
  /** Set while the call rings this agent. */
  agent?: AgentRecord;
  overflow?: Timer<Deadline>;
  expansion?: Timer<CallRecord>;
  ring?: Timer<Deadline>;
}

export interface AgentRecord {
  readonly id: AgentId;
  skills: ReadonlyMap<SkillId, number>;
  /** The queues whose rosters the agent is on. */
  queues: QueueRecord[];
  status: AgentStatus;
  registered: boolean;
  idleSince: number;
  /** The call offered, talked or wrapped up. */
  call?: CallRecord;
  wrapUp?: Timer<Deadline>;
}

export type Deadline =
  | { readonly kind: 'overflow'; readonly call: CallRecord }
  | { readonly kind: 'ring'; readonly call: CallRecord }
  | { readonly kind: 'wrap-up'; readonly agent: AgentRecord };

/** Cross-queue order: priority, then queue weight, then longest waiting, then id. */
export function byRank(a: CallRecord, b: CallRecord): number {
  return b.priority - a.priority || b.queue.config.weight - a.queue.config.weight || byArrival(a, b);
}

export function agentSnapshot(agent: AgentRecord): AgentSnapshot {
  return {
    id: agent.id,
    ...agent.status,
    deviceRegistered: agent.registered,
    idleSince: agent.idleSince,
    ...(agent.call && { callId: agent.call.id }),
    ...(agent.wrapUp && { wrapUpEndsAt: agent.wrapUp.at }),
  };
}

export function callSnapshot(call: CallRecord): CallSnapshot {
  return {
    id: call.id,
    queueId: call.queue.config.id,
    priority: call.priority,
    enqueuedAt: call.enqueuedAt,
    ...(call.agent && { offeredTo: call.agent.id }),
  };
}
