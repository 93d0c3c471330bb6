import type { Redis } from 'ioredis';
import type { FastifyBaseLogger } from 'fastify';
import type { LiveAgentState } from '@hotline/contracts';
import type { LiveCall } from './live-calls.js';

/** What of a live call survives the control service being killed: enough to take it up again. */
const STORED_FIELDS = [
  'id', 'callerChannelId', 'queueId', 'customerNumber', 'customerTier', 'language', 'state', 'enqueuedAt', 'agentId', 'agentChannelId',
  'offers', 'announcements', 'announcedPosition', 'answeredAt', 'bridgeId', 'recording', 'hold', 'muted', 'callback', 'voicemail', 'outbound',
] as const satisfies readonly (keyof LiveCall)[];
export type StoredCall = Pick<LiveCall, (typeof STORED_FIELDS)[number]>;

export interface StoredAgent {
  state: LiveAgentState;
  reason: string | null;
}

/** The Redis keys of an instance's snapshot, and of the epoch of the control instance that last wrote it. */
export function snapshotKeys(instance: string): { calls: string; agents: string; seenAt: string; epoch: string } {
  return { calls: `hotline:${instance}:live-calls`, agents: `hotline:${instance}:agent-states`, seenAt: `hotline:${instance}:seen-at`, epoch: `hotline:${instance}:epoch` };
}

/**
 * A write of the leader of `epoch`: refused (0) once a later epoch has written, and raising the
 * stored epoch to its own otherwise. KEYS: epoch, calls, agents, seen-at. ARGV: epoch, the number of
 * ended calls, of live calls, of agents, the moment last seen ('' for none), then the ended ids, the
 * live id/JSON pairs and the agent id/JSON pairs.
 */
const FENCED_WRITE = `
local stored = tonumber(redis.call('GET', KEYS[1]) or '0')
local mine = tonumber(ARGV[1])
if stored > mine then return 0 end
if stored < mine then redis.call('SET', KEYS[1], ARGV[1]) end
local ended, live, agents = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local at = 6
if ended > 0 then redis.call('HDEL', KEYS[2], unpack(ARGV, at, at + ended - 1)) end
at = at + ended
if live > 0 then redis.call('HSET', KEYS[2], unpack(ARGV, at, at + live * 2 - 1)) end
at = at + live * 2
if agents > 0 then redis.call('HSET', KEYS[3], unpack(ARGV, at, at + agents * 2 - 1)) end
if ARGV[5] ~= '' then redis.call('SET', KEYS[4], ARGV[5]) end
return 1
`;

type FencedRedis = Redis & { fencedSnapshotWrite(...args: (string | number)[]): Promise<number> };

/** Items per fenced write: Lua's unpack takes a few thousand values at most. */
const WRITE_CHUNK = 500;

/** Who writes the snapshot: the epoch it leads under, and what to do once another instance leads. */
export interface SnapshotWriter {
  epoch: number;
  deposed(epoch: number): void;
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

  readonly #epoch: string;

  constructor(
    private readonly redis: Redis,
    instance: string,
    private readonly writer: SnapshotWriter,
    private readonly log: FastifyBaseLogger,
  ) {
    ({ calls: this.#calls, agents: this.#agents, seenAt: this.#seenAt, epoch: this.#epoch } = snapshotKeys(instance));
    // Sent once, then run by its hash.
    if (!('fencedSnapshotWrite' in redis)) redis.defineCommand('fencedSnapshotWrite', { numberOfKeys: 4, lua: FENCED_WRITE });
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
    for (let i = 0; i < Math.max(calls.length, agents.length); i += WRITE_CHUNK) {
      this.#write(calls.slice(i, i + WRITE_CHUNK), agents.slice(i, i + WRITE_CHUNK), '');
    }
  }

  /** Raises the stored epoch to ours: a leader's first act, so its predecessor's late writes are refused. */
  claim(): void {
    this.#write([], [], '');
  }

  /** Written every few seconds while the service runs: after a crash, the last moment it was alive. */
  markSeen(now: number): void {
    this.#write([], [], String(now));
  }

  #write(calls: LiveCall[], agents: [string, StoredAgent][], seenAt: string): void {
    const ended = calls.filter((call) => call.state === 'ended').map((call) => call.id);
    const live = calls.filter((call) => call.state !== 'ended');
    const args = [
      this.writer.epoch, ended.length, live.length, agents.length, seenAt,
      ...ended,
      ...live.flatMap((call) => [call.id, JSON.stringify(toStored(call))]),
      ...agents.flatMap(([id, agent]) => [id, JSON.stringify(agent)]),
    ];
    (this.redis as FencedRedis).fencedSnapshotWrite(this.#epoch, this.#calls, this.#agents, this.#seenAt, ...args).then(
      async (written) => {
        if (written === 0) this.writer.deposed(Number(await this.redis.get(this.#epoch)));
      },
      (error: Error) => this.log.warn({ err: error.message }, 'could not keep the snapshot'),
    );
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
