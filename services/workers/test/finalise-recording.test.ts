import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { existsSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import type { RecordingJob, VoicemailJob } from '@hotline/contracts';
import { finaliseRecording } from '../src/finalise-recording.js';
import { voicemailFile } from '../src/voicemails.worker.js';

const callId = '6f1c2f5e-3b1e-4d38-9a52-0d7a6c1e2b10';
const job: RecordingJob = { callId, name: `calls/${callId}`, format: 'wav', startedAt: Date.UTC(2026, 10, 23, 9, 30), pausedSpans: [{ fromSecs: 1, toSecs: 2 }] };

function wav(seconds: number): Buffer {
  const data = Buffer.alloc(16_000 * seconds, 1);
  const h = Buffer.alloc(44);
  h.write('RIFF', 0, 'ascii');
  h.writeUInt32LE(36 + data.length, 4);
  h.write('WAVEfmt ', 8, 'ascii');
  h.writeUInt32LE(16, 16);
  h.writeUInt16LE(1, 20);
  h.writeUInt16LE(1, 22);
  h.writeUInt32LE(8000, 24);
  h.writeUInt32LE(16_000, 28);
  h.writeUInt16LE(2, 32);
  h.writeUInt16LE(16, 34);
  h.write('data', 36, 'ascii');
  h.writeUInt32LE(data.length, 40);
  return Buffer.concat([h, data]);
}

async function stores() {
  const root = await mkdtemp(join(tmpdir(), 'hotline-rec-'));
  const spoolDir = join(root, 'spool');
  await mkdir(join(spoolDir, 'calls'), { recursive: true });
  return { spoolDir, voicemailSpoolDir: join(root, 'recording'), storeDir: join(root, 'store') };
}

t.test('a recording moves into the day folder of the store, measured and hashed', async (t) => {
  const s = await stores();
  const audio = wav(3);
  await writeFile(join(s.spoolDir, `calls/${callId}.wav`), audio);
  const row = await finaliseRecording(job, s);
  const expectedPath = join(s.storeDir, '2026', '11', '23', `${callId}.wav`);
  t.match(row, { id: callId, callId, status: 'stored', path: expectedPath, secs: 3, bytes: audio.length, failureReason: null, pausedSpans: job.pausedSpans });
  t.equal(row.sha256, createHash('sha256').update(audio).digest('hex'));
  t.notOk(existsSync(join(s.spoolDir, `calls/${callId}.wav`)), 'gone from the spool');
  t.same(await readFile(expectedPath), audio, 'the bytes are unchanged');
  t.equal(statSync(expectedPath).mode & 0o777, 0o600, 'the file is readable by the service alone');
  t.equal(statSync(join(s.storeDir, '2026', '11', '23')).mode & 0o777, 0o700, 'and so is its folder');
  t.same(await finaliseRecording(job, s), row, 'running it again changes nothing');
});

t.test('what cannot be stored is a failed row with the reason', async (t) => {
  const s = await stores();
  t.match(await finaliseRecording(job, s), { status: 'failed', failureReason: /missing file/ });
  await writeFile(join(s.spoolDir, `calls/${callId}.wav`), '');
  t.match(await finaliseRecording(job, s), { status: 'failed', failureReason: 'zero-length file' });
  await writeFile(join(s.spoolDir, `calls/${callId}.wav`), 'not audio at all');
  t.match(await finaliseRecording(job, s), { status: 'failed', failureReason: 'not a readable WAV file' });
});

const message: VoicemailJob = { callId, name: `voicemail/${callId}`, format: 'wav', queueId: 'billing', customerNumber: '5550101', leftAt: Date.UTC(2026, 10, 24, 23, 59) };

t.test('a voicemail message moves into the voicemail folder of its day, measured and hashed, once', async (t) => {
  const s = await stores();
  await mkdir(join(s.voicemailSpoolDir, 'voicemail'), { recursive: true });
  const audio = wav(4);
  await writeFile(join(s.voicemailSpoolDir, `voicemail/${callId}.wav`), audio);
  const filed = await voicemailFile(message, s);
  const expectedPath = join(s.storeDir, 'voicemail', '2026', '11', '24', `${callId}.wav`);
  t.same(filed, {
    id: callId, queueId: 'billing', customerNumber: '5550101', leftAt: message.leftAt, path: expectedPath, secs: 4, bytes: audio.length,
    sha256: createHash('sha256').update(audio).digest('hex'),
  });
  t.equal(statSync(expectedPath).mode & 0o777, 0o600, 'readable by the service alone');
  t.same(await voicemailFile(message, s), filed, 'a repeated job describes the same message');
});

t.test('a caller who left before speaking leaves no message; an unreadable file fails for good', async (t) => {
  const s = await stores();
  t.equal(await voicemailFile(message, s), undefined, 'no file: nothing to file');
  await mkdir(join(s.voicemailSpoolDir, 'voicemail'), { recursive: true });
  await writeFile(join(s.voicemailSpoolDir, `voicemail/${callId}.wav`), '');
  t.equal(await voicemailFile(message, s), undefined, 'an empty file: nothing to file');
  await writeFile(join(s.voicemailSpoolDir, `voicemail/${callId}.wav`), 'not audio at all');
  await t.rejects(voicemailFile(message, s), { name: 'UnrecoverableError', message: /not a readable WAV file/ });
});
