import { randomUUID } from 'node:crypto';
import t from 'tap';
import type { CallEvent } from '@hotline/contracts';
import { createCallRecordRepository, createPool, foldCallRow } from '@hotline/db';
import { testConfig } from './helpers/stack.js';

// The call-events worker's batch write on the real PostgreSQL: batches of any make-up, written
// concurrently, in any order and any number of times, leave exactly one timeline row per event
// and each call row as its whole timeline folds.
const config = testConfig();
const pool = createPool(config.postgres, 4);
const records = createCallRecordRepository(pool);
t.teardown(() => pool.end());

function answeredCall(callId: string, at: number, n: number): CallEvent[] {
  const agentId = String(1001 + (n % 4));
  return [
    { id: `${callId}.enqueued`, callId, at, type: 'call.enqueued', channelId: `test.${n}`, queueId: 'general', customerNumber: `555${n}`, customerTier: 'standard' },
    { id: `${callId}.offered-1`, callId, at: at + 100, type: 'call.offered', agentId, routing: { offeredTo: agentId } },
    { id: `${callId}.answered`, callId, at: at + 300, type: 'call.answered', agentId },
    { id: `${callId}.ended`, callId, at: at + 9_300, type: 'call.ended', outcome: 'answered', hangupBy: n % 2 ? 'agent' : 'caller' },
  ];
}

const callIds = Array.from({ length: 40 }, () => randomUUID());
const events = callIds.flatMap((id, n) => answeredCall(id, Date.now() - 60_000 + n * 50, n));
t.teardown(async () => {
  await pool.query('DELETE FROM call_events WHERE call_id = ANY($1::uuid[])', [callIds]);
  await pool.query('DELETE FROM calls WHERE id = ANY($1::uuid[])', [callIds]);
});

const shuffled = (list: readonly CallEvent[]) => [...list].sort(() => Math.random() - 0.5);
/** Cuts a list into batches of 1, 8, 15, … events. */
const batches = (list: readonly CallEvent[]) => {
  const out: CallEvent[][] = [];
  for (let at = 0, size = 1; at < list.length; at += size, size += 7) out.push(list.slice(at, at + size));
  return out;
};
const storedRows = async () => (await pool.query('SELECT * FROM calls WHERE id = ANY($1::uuid[]) ORDER BY id', [callIds])).rows;

t.test('shuffled batches written four at a time store every event once and fold every call', async (t) => {
  const cut = batches(shuffled(events));
  let next = 0;
  const written: string[] = [];
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      for (let batch = cut[next++]; batch; batch = cut[next++]) written.push(...(await records.recordMany(batch)));
    }),
  );
  t.equal(written.length, events.length, 'each event reported new exactly once');
  t.same(new Set(written), new Set(events.map((e) => e.id)));
  const { rows } = await pool.query<{ n: string }>('SELECT count(*) AS n FROM call_events WHERE call_id = ANY($1::uuid[])', [callIds]);
  t.equal(Number(rows[0]?.n), events.length);
  for (const [n, callId] of callIds.entries()) {
    const row = await records.get(callId);
    const expected = foldCallRow(callId, answeredCall(callId, events[n * 4]?.at ?? 0, n));
    t.match(row, { outcome: 'answered', agentId: expected.agentId, hangupBy: expected.hangupBy, customerNumber: expected.customerNumber }, `call ${n}`);
    t.equal(row?.talkSecs, 9, 'talk time from the whole timeline');
    t.equal(row?.ringSecs, 0.2);
  }
});

t.test('a replay, in another order and other batches, stores nothing and changes no row', async (t) => {
  const before = await storedRows();
  for (const batch of batches(shuffled([...events, ...events.slice(0, 10)]))) t.equal((await records.recordMany(batch)).size, 0);
  t.same(await storedRows(), before);
  t.same(await records.recordMany([]), new Set(), 'an empty batch is nothing to do');
});
