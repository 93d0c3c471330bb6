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
 * Stasis up again and put agents back where they were. The changes of one turn of the event loop
 * go in one write per hash, each call and agent as it stands at the end of the turn: a call
 * changes several times in a turn (answered, bridged, recorded), and only the last state matters.
 */
export class CallSnapshotStore {
  readonly #calls: string;
  readonly #agents: string;
  readonly #seenAt: string;
  readonly #dirtyCalls = new Map<string, LiveCall>();
  readonly #dirtyAgents = new Map<string, StoredAgent>();
  #flushing = false;

  constructor(
    private readonly redis: Redis,
    instance: string,
    private readonly log: FastifyBaseLogger,
  ) {
    ({ calls: this.#calls, agents: this.#agents, seenAt: this.#seenAt } = snapshotKeys(instance));
  }

  saveCall(call: LiveCall): void {
    this.#dirtyCalls.set(call.id, call);
    this.#flushSoon();
  }

  saveAgent(agentId: string, agent: StoredAgent): void {
    this.#dirtyAgents.set(agentId, agent);
    this.#flushSoon();
  }

  #flushSoon(): void {
    if (this.#flushing) return;
    this.#flushing = true;
    setImmediate(() => this.#flush());
  }

  #flush(): void {
    this.#flushing = false;
    const calls = [...this.#dirtyCalls.values()];
    const agents = [...this.#dirtyAgents.entries()];
    this.#dirtyCalls.clear();
    this.#dirtyAgents.clear();
    const warn = (what: string) => (error: Error) => this.log.warn({ err: error.message }, `could not keep the ${what} snapshot`);
    const ended = calls.filter((call) => call.state === 'ended').map((call) => call.id);
    const live = calls.filter((call) => call.state !== 'ended').flatMap((call) => [call.id, JSON.stringify(toStored(call))]);
    if (ended.length > 0) this.redis.hdel(this.#calls, ...ended).catch(warn('call'));
    if (live.length > 0) this.redis.hset(this.#calls, ...live).catch(warn('call'));
    if (agents.length > 0) this.redis.hset(this.#agents, ...agents.flatMap(([id, agent]) => [id, JSON.stringify(agent)])).catch(warn('agent'));
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
