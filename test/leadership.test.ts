import t, { type Test } from 'tap';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { createPool, LeaderLock, type Leadership } from '@hotline/db';
import { CallSnapshotStore, snapshotKeys } from '../services/control/src/features/calls/call-snapshot.js';
import { buildStandbyApp } from '../services/control/src/standby.js';
import { testConfig } from './helpers/stack.js';
import { waitFor } from './helpers/wait.js';

// The lead over a stack's control instances, on the test stack's PostgreSQL and Redis: one leads,
// the other waits; the lead passes on when its holder's session ends; a deposed leader's
// snapshot writes are refused. A stack name of this run only, so running services never contend.
const config = testConfig();
const instance = `lead-${process.pid}-${Date.now()}`;
const pool = createPool(config.postgres, 2);
const redis = new Redis({ host: config.redis.host, port: config.redis.port, password: config.redis.password });
const locks: LeaderLock[] = [];
const lockFor = (holder: string) => {
  const lock = new LeaderLock(config.postgres, { instance, holder, everyMs: 100 });
  locks.push(lock);
  return lock;
};
t.teardown(async () => {
  for (const lock of locks) await lock.release();
  await pool.query('DELETE FROM control_leadership WHERE instance = $1', [instance]);
  await redis.del(...Object.values(snapshotKeys(instance)));
  redis.disconnect();
  await pool.end();
});

/** The backend holding our advisory lock: ending it is what a killed leader's exit does to its session. */
const killLockSession = async (t: Test) => {
  const { rows } = await pool.query<{ pid: number }>(
    "SELECT l.pid FROM pg_locks l WHERE l.locktype = 'advisory' AND l.granted AND l.objid::bigint = (hashtext($1)::bigint & 4294967295)",
    [`hotline-control:${instance}`],
  );
  t.equal(rows.length, 1, 'one session holds the lead');
  await pool.query('SELECT pg_terminate_backend($1)', [rows[0]!.pid]);
};

let first: Leadership;
const firstLock = lockFor('first:1');
const secondLock = lockFor('second:2');
const lost: string[] = [];

t.test('one instance leads; the other waits, and its standby health names the leader', async (t) => {
  first = await firstLock.acquire((reason) => lost.push(reason));
  t.equal(first.holder, 'first:1');
  let secondLead: Leadership | undefined;
  const waiting = secondLock.acquire(() => undefined).then((lead) => (secondLead = lead));
  await new Promise((resolve) => setTimeout(resolve, 500));
  t.equal(secondLead, undefined, 'the second does not lead while the first holds the lock');

  const standby = buildStandbyApp(() => secondLock.leader());
  const health = await standby.inject({ method: 'GET', url: '/healthz' });
  t.equal(health.statusCode, 503, 'a standby is not where a load balancer sends anyone');
  t.match(health.json(), { status: 'standby', leader: { epoch: first.epoch, holder: 'first:1' } });
  const other = await standby.inject({ method: 'GET', url: '/calls' });
  t.equal(other.statusCode, 503, 'nor does it answer anything else');
  t.match(other.json().message, /standby/);
  await standby.close();

  await firstLock.release();
  await waiting;
  t.equal(secondLead?.epoch, first.epoch + 1, 'released: the second leads, under the next epoch');
  t.same(lost, [], 'a lead let go on purpose is not "lost"');
});

t.test("the leader's session ends: it is told, the standby takes over, and the old one cannot take it back", async (t) => {
  await secondLock.release();
  const lostNow: string[] = [];
  first = await firstLock.acquire((reason) => lostNow.push(reason));
  const third = lockFor('third:3');
  const taking = third.acquire(() => undefined);
  await killLockSession(t);
  const thirdLead = await taking;
  t.equal(thirdLead.epoch, first.epoch + 1, 'the waiting instance leads at once, next epoch');
  await waitFor('the old leader told its lock is gone', () => (lostNow.length > 0 ? true : undefined), 5_000);
  t.match(lostNow[0], /connection/);
  t.equal(await firstLock.retake(() => undefined), null, 'taking it back finds another leader: deposed');
  t.match(await firstLock.leader(), { epoch: thirdLead.epoch, holder: 'third:3' });
});

t.test('a leader whose session ended while nobody else waited takes the lead back, next epoch', async (t) => {
  await Promise.all(locks.map((lock) => lock.release()));
  const lostNow: string[] = [];
  const lock = lockFor('alone:4');
  const lead = await lock.acquire((reason) => lostNow.push(reason));
  await killLockSession(t);
  await waitFor('the lock lost', () => (lostNow.length > 0 ? true : undefined), 5_000);
  const again = await lock.retake(() => undefined);
  t.equal(again?.epoch, lead.epoch + 1);
});

t.test("snapshot writes are fenced: once a later epoch wrote, the earlier leader's are refused", async (t) => {
  const keys = snapshotKeys(instance);
  const log = pino({ level: 'silent' });
  const deposedAt: number[] = [];
  const old = new CallSnapshotStore(redis, instance, { epoch: 7, deposed: (epoch) => deposedAt.push(epoch) }, log);
  old.saveAgent('1001', { state: 'ready', reason: null });
  await waitFor('the first write', async () => ((await redis.hget(keys.agents, '1001')) ? true : undefined));
  t.equal(await redis.get(keys.epoch), '7', 'the writer stamps its epoch');

  const successor = new CallSnapshotStore(redis, instance, { epoch: 8, deposed: () => t.fail('the newer leader is never deposed') }, log);
  successor.claim();
  await waitFor('the successor to claim the snapshot', async () => ((await redis.get(keys.epoch)) === '8' ? true : undefined));
  old.saveAgent('1001', { state: 'not-ready', reason: 'lunch' });
  old.markSeen(123);
  await waitFor('the old leader told', () => (deposedAt.length >= 2 ? true : undefined));
  t.same(deposedAt, [8, 8], 'each refused write tells the old leader who leads now');
  t.same(JSON.parse((await redis.hget(keys.agents, '1001')) ?? 'null'), { state: 'ready', reason: null }, "the old leader's late write changed nothing");
  t.equal(await redis.get(keys.seenAt), null, 'nor did its heartbeat');
  successor.saveAgent('1001', { state: 'on-call', reason: null });
  await waitFor('the successor writes', async () => ((await redis.hget(keys.agents, '1001'))?.includes('on-call') ? true : undefined));
});
