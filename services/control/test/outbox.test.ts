import { appendFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { Outbox, unconfirmed } from '../src/plugins/outbox.js';

const fileIn = () => join(mkdtempSync(join(tmpdir(), 'hotline-outbox-')), 'control.jsonl');
const job = (jobId: string, over: object = {}) => ({ queue: 'call-events', name: 'call.ended', jobId, data: { id: jobId }, at: 1_000, delayMs: 0, ...over });
/** The end of this turn of the event loop, when the outbox writes what the turn gathered. */
const turnEnds = () => new Promise<void>((resolve) => setImmediate(resolve));

t.test('a job written and never confirmed is left for the next run; confirmed ones are not', async (t) => {
  const file = fileIn();
  const outbox = new Outbox(file);
  t.same(outbox.left, [], 'a first run has nothing left');
  await Promise.all([outbox.written(job('a')), outbox.written(job('b'))]);
  outbox.confirmed({ queue: 'call-events', jobId: 'a' });
  t.equal(outbox.waiting, 1);
  await turnEnds();
  // The process is killed here: no close.
  const next = new Outbox(file);
  t.same(next.left, [job('b')], 'only the unconfirmed job is handed over again');
  t.same(unconfirmed(file), [job('b')], 'and the file now holds only it');
});

t.test('the lines of one turn go to the file together, and a job is written before its promise settles', async (t) => {
  const file = fileIn();
  const outbox = new Outbox(file);
  const first = outbox.written(job('a'));
  const second = outbox.written(job('b'));
  t.equal(readFileSync(file, 'utf8'), '', 'nothing written while the turn runs');
  await first;
  t.same(unconfirmed(file), [job('a'), job('b')], 'once the first is written, so is the second of the same turn');
  await second;
  outbox.written(job('c'));
  outbox.close();
  t.same(unconfirmed(file), [job('a'), job('b'), job('c')], 'a close writes what the turn gathered');
  await turnEnds();
  t.pass('and the turn ending after the close writes nothing more');
});

t.test('the same job id written twice needs two confirmations; the latest copy is kept', async (t) => {
  const file = fileIn();
  const outbox = new Outbox(file);
  await outbox.written(job('rec', { delayMs: 10_000 }));
  await outbox.written(job('rec', { at: 2_000 }));
  outbox.confirmed({ queue: 'call-events', jobId: 'rec' });
  await turnEnds();
  t.same(unconfirmed(file), [job('rec', { at: 2_000 })]);
  outbox.confirmed({ queue: 'call-events', jobId: 'rec' });
  await turnEnds();
  t.same(unconfirmed(file), []);
});

t.test('a torn last line from a kill half-way through a write is skipped', async (t) => {
  const file = fileIn();
  const outbox = new Outbox(file);
  await outbox.written(job('whole'));
  appendFileSync(file, '{"op":"add","queue":"call-events","jobId":"to');
  t.same(new Outbox(file).left, [job('whole')]);
});

t.test('a clean close with nothing waiting leaves an empty file', async (t) => {
  const file = fileIn();
  const outbox = new Outbox(file);
  await outbox.written(job('a'));
  outbox.confirmed({ queue: 'call-events', jobId: 'a' });
  outbox.close();
  t.equal(readFileSync(file, 'utf8'), '');
});
