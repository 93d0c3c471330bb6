import type { Redis } from 'ioredis';
import type { FastifyBaseLogger } from 'fastify';
import type { LiveAgentState } from '@hotline/contracts';
import type { LiveCall } from './live-calls.js';

/** What of a live call survives the control service being killed: enough to take it up again. */
const STORED_FIELDS = [
  'id', 'callerChannelId', 'queueId', 'customerNumber', 'customerTier', 'state', 'enqueuedAt', 'agentId', 'agentChannelId',
  'offers', 'announcements', 'announcedPosition', 'answeredAt', 'bridgeId', 'recording', 'hold', 'muted', 'callback',
] as const satisfies readonly (keyof LiveCall)[];
export type StoredCall = Pick<LiveCall, (typeof STORED_FIELDS)[number]>;

export interface StoredAgent {
  state: LiveAgentState;
  reason: string | null;
}

/** The Redis keys of an instance's snapshot. */
export function snapshotKeys(instance: string): { calls: string; agents: string; seenAt: string } {
  return { calls: `hotline:${instance}:live-calls`, agents: `hotline:${instance}:agent-states`, seenAt: `hotline:${instance}:seen-at` };
}

export function toStored(call: LiveCall): StoredCall {
  return Object.fromEntries(STORED_FIELDS.map((field) => [field, call[field]])) as StoredCall;
}

/**
 * The live calls and agent states, kept in Redis as they change (one hash field each, written
 * without waiting), so a control service started after a crash can take the calls still in
 * Stasis up again and put agents back where they were.
 */
export class CallSnapshotStore {
  readonly #calls: string;
  readonly #agents: string;
  readonly #seenAt: string;

  constructor(
    private readonly redis: Redis,
    instance: string,
    private readonly log: FastifyBaseLogger,
  ) {
    ({ calls: this.#calls, agents: this.#agents, seenAt: this.#seenAt } = snapshotKeys(instance));
  }

  saveCall(call: LiveCall): void {
    const write = call.state === 'ended' ? this.redis.hdel(this.#calls, call.id) : this.redis.hset(this.#calls, call.id, JSON.stringify(toStored(call)));
    write.catch((error: Error) => this.log.warn({ err: error.message, callId: call.id }, 'could not keep the call snapshot'));
  }

  saveAgent(agentId: string, agent: StoredAgent): void {
    this.redis.hset(this.#agents, agentId, JSON.stringify(agent)).catch((error: Error) => this.log.warn({ err: error.message, agentId }, 'could not keep the agent snapshot'));
  }

  /** Written every few seconds while the service runs: after a crash, the last moment it was alive. */
  markSeen(now: number): void {
    this.redis.set(this.#seenAt, String(now)).catch(() => undefined);
  }

  async load(): Promise<{ calls: StoredCall[]; agents: Map<string, StoredAgent>; lastSeenAt: number | null }> {
    const [calls, agents, seenAt] = await Promise.all([this.redis.hgetall(this.#calls), this.redis.hgetall(this.#agents), this.redis.get(this.#seenAt)]);
    return {
      lastSeenAt: seenAt === null ? null : Number(seenAt),
      calls: Object.values(calls).map((text) => JSON.parse(text) as StoredCall),
      agents: new Map(Object.entries(agents).map(([id, text]) => [id, JSON.parse(text) as StoredAgent])),
    };
  }

}
