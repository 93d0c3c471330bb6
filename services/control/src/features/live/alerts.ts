import type { LiveAlert, Queue } from '@hotline/contracts';
import type { QueueDayFigures } from './call-figures.js';

/** Fewer offered calls than this in the window say nothing about a rate. */
const MIN_CALLS_FOR_RATE = 5;
export const ALERT_WINDOW_MS = 30 * 60_000;

export interface AlertInputs {
  now: number;
  queues: readonly Queue[];
  /** Each queue's figures over the last ALERT_WINDOW_MS. */
  recent(queueId: string): QueueDayFigures;
  waiting: readonly { callId: string; queueId: string; since: number }[];
  /** Working agents (not logged out) with the queues they can serve. */
  agents: readonly { id: string; state: string; since: number; queueIds: readonly string[] }[];
}

type Condition = Omit<LiveAlert, 'raisedAt'>;

/** The alert conditions that hold now; each has a stable key while it lasts. */
export function evaluateAlerts(input: AlertInputs): Condition[] {
  const found: Condition[] = [];
  const queueById = new Map(input.queues.map((q) => [q.id, q]));
  for (const queue of input.queues) {
    const recent = input.recent(queue.id);
    if (recent.offered < MIN_CALLS_FOR_RATE) continue;
    if (recent.serviceLevel !== null && recent.serviceLevel * 100 < queue.slTargetPct) {
      found.push({
        key: `service-level:${queue.id}`, kind: 'service-level', queueId: queue.id, agentId: null, callId: null,
        message: `${queue.name}: service level ${pct(recent.serviceLevel)} over the last 30 minutes, target ${queue.slTargetPct}%`,
      });
    }
    if (recent.abandonRate !== null && recent.abandonRate * 100 > queue.alerts.abandonPctMax) {
      found.push({
        key: `abandon-rate:${queue.id}`, kind: 'abandon-rate', queueId: queue.id, agentId: null, callId: null,
        message: `${queue.name}: ${pct(recent.abandonRate)} of callers hung up over the last 30 minutes, limit ${queue.alerts.abandonPctMax}%`,
      });
    }
  }
  for (const call of input.waiting) {
    const queue = queueById.get(call.queueId);
    const secs = Math.floor((input.now - call.since) / 1000);
    if (queue && secs > queue.alerts.waitSecsMax) {
      found.push({
        key: `long-wait:${call.callId}`, kind: 'long-wait', queueId: queue.id, agentId: null, callId: call.callId,
        message: `${queue.name}: a caller has waited ${secs} s, limit ${queue.alerts.waitSecsMax} s`,
      });
    }
  }
  for (const agent of input.agents) {
    // The strictest limit among the queues the agent serves.
    const limits = agent.queueIds.flatMap((id) => queueById.get(id)?.alerts.agentStateSecsMax ?? []);
    if (limits.length === 0 || agent.state === 'ready') continue;
    const limit = Math.min(...limits);
    const secs = Math.floor((input.now - agent.since) / 1000);
    if (secs > limit) {
      found.push({
        key: `agent-stuck:${agent.id}:${agent.state}:${agent.since}`, kind: 'agent-stuck', queueId: null, agentId: agent.id, callId: null,
        message: `agent ${agent.id} has been ${agent.state} for ${Math.floor(secs / 60)} min, limit ${Math.floor(limit / 60)} min`,
      });
    }
  }
  return found;
}

function pct(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/** Active alerts: raises each condition once, clears it when it no longer holds. */
export class AlertBoard {
  readonly #active = new Map<string, LiveAlert>();

  /** Applies the conditions that hold now; returns what was raised and what was cleared. */
  update(conditions: readonly Condition[], now: number, keep: (alert: LiveAlert) => boolean = () => false) {
    const raised: LiveAlert[] = [];
    const holding = new Set(conditions.map((c) => c.key));
    for (const condition of conditions) {
      if (this.#active.has(condition.key)) continue;
      const alert = { ...condition, raisedAt: now };
      this.#active.set(condition.key, alert);
      raised.push(alert);
    }
    const cleared: string[] = [];
    for (const [key, alert] of this.#active) {
      if (holding.has(key) || keep(alert)) continue;
      this.#active.delete(key);
      cleared.push(key);
    }
    return { raised, cleared };
  }

  /** A one-off alert (a detractor survey, a voicemail message) that stays until it ages out or is cleared. */
  raise(alert: LiveAlert): void {
    this.#active.set(alert.key, alert);
  }

  /** Takes a one-off alert down before it ages out; false when it was not up. */
  clear(key: string): boolean {
    return this.#active.delete(key);
  }

  list(): LiveAlert[] {
    return [...this.#active.values()];
  }
}
