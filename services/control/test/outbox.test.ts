import { appendFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { Outbox, unconfirmed } from '../src/plugins/outbox.js';

const fileIn = () => join(mkdtempSync(join(tmpdir(), 'hotline-outbox-')), 'control.jsonl');
const job = (jobId: string, over: object = {}) => ({ queue: 'call-events', name: 'call.ended', jobId, data: { id: jobId }, at: 1_000, delayMs: 0, ...over });

t.test('a job written and never confirmed is left for the next run; confirmed ones are not', async (t) => {
  const file = fileIn();
  const outbox = new Outbox(file);
  t.same(outbox.left, [], 'a first run has nothing left');
  outbox.written(job('a'));
  outbox.written(job('b'));
  outbox.confirmed({ queue: 'call-events', jobId: 'a' });
  t.equal(outbox.waiting, 1);
  // The process is killed here: no close.
  const next = new Outbox(file);
  t.same(next.left, [job('b')], 'only the unconfirmed job is handed over again');
  t.same(unconfirmed(file), [job('b')], 'and the file now holds only it');
});

t.test('the same job id written twice needs two confirmations; the latest copy is kept', async (t) => {
  const file = fileIn();
  const outbox = new Outbox(file);
  outbox.written(job('rec', { delayMs: 10_000 }));
  outbox.written(job('rec', { at: 2_000 }));
  outbox.confirmed({ queue: 'call-events', jobId: 'rec' });
  t.same(unconfirmed(file), [job('rec', { at: 2_000 })]);
  outbox.confirmed({ queue: 'call-events', jobId: 'rec' });
  t.same(unconfirmed(file), []);
});

t.test('a torn last line from a kill half-way through a write is skipped', async (t) => {
  const file = fileIn();
  const outbox = new Outbox(file);
  outbox.written(job('whole'));
  appendFileSync(file, '{"op":"add","queue":"call-events","jobId":"to');
  t.same(new Outbox(file).left, [job('whole')]);
});

t.test('a clean close with nothing waiting leaves an empty file', async (t) => {
  const file = fileIn();
  const outbox = new Outbox(file);
  outbox.written(job('a'));
  outbox.confirmed({ queue: 'call-events', jobId: 'a' });
  outbox.close();
  t.equal(readFileSync(file, 'utf8'), '');
});
