import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { chmod, copyFile, mkdir, open, rename, stat, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { HotlineConfig, RecordingJob } from '@hotline/contracts';
import type { RecordingRow } from '@hotline/db';
import { wavDurationSecs } from './wav-info.js';

export interface RecordingStores {
  /** Asterisk's monitor spool, where MixMonitor wrote the call's recording. */
  spoolDir: string;
  /** Asterisk's recording spool, where ARI recorded a voicemail message. */
  voicemailSpoolDir: string;
  /** The recordings store: one folder per day (voicemail messages in a folder of their own). */
  storeDir: string;
}

/** Where a running stack's recordings are written and where they are kept. */
export function recordingStores(config: Pick<HotlineConfig, 'paths' | 'recordings'>): RecordingStores {
  return {
    spoolDir: `${config.paths.asteriskRoot}/spool/monitor`,
    voicemailSpoolDir: `${config.paths.asteriskRoot}/spool/recording`,
    storeDir: config.recordings.dir,
  };
}

const exists = (path: string) => stat(path).then((s) => s, () => undefined);

/** Calls are private: the store's folders and files are for the service's own user alone. */
const STORE_DIR_MODE = 0o700;
const STORE_FILE_MODE = 0o600;

/** Same filesystem: an atomic rename; another one: copy, then remove the original. Either way owner-only. */
async function move(from: string, to: string): Promise<void> {
  await mkdir(dirname(to), { recursive: true, mode: STORE_DIR_MODE });
  await chmod(dirname(to), STORE_DIR_MODE);
  try {
    await rename(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    await copyFile(from, to);
    await unlink(from);
  }
  await chmod(to, STORE_FILE_MODE);
}

async function sha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function readHeader(path: string): Promise<Buffer> {
  const file = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await file.read(Buffer.alloc(4096), 0, 4096, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}

/** What moving a finished file out of Asterisk's spool found. */
export type Filed =
  | { status: 'stored'; path: string; secs: number; bytes: number; sha256: string }
  | { status: 'failed'; path: string | null; bytes: number | null; failureReason: string };

/**
 * Moves a finished WAV file from Asterisk's spool into the store and describes it (duration, size,
 * sha256). Safe to repeat: a second run finds the file already in the store and describes it
 * again, identically. What cannot be stored comes back as failed, with the reason.
 */
export async function fileAway(spooled: string, stored: string): Promise<Filed> {
  const inSpool = await exists(spooled);
  if (inSpool?.size === 0) {
    await unlink(spooled);
    return { status: 'failed', path: null, bytes: null, failureReason: 'zero-length file' };
  }
  if (inSpool) await move(spooled, stored);
  const inStore = await exists(stored);
  if (!inStore) return { status: 'failed', path: null, bytes: null, failureReason: `missing file ${spooled}` };
  const secs = wavDurationSecs(await readHeader(stored), inStore.size);
  if (secs === undefined) return { status: 'failed', path: stored, bytes: inStore.size, failureReason: 'not a readable WAV file' };
  return { status: 'stored', path: stored, secs: Math.round(secs * 1000) / 1000, bytes: inStore.size, sha256: await sha256(stored) };
}

/** Where a file of the given day goes in the store: one folder per day. */
export function storePath(storeDir: string, at: number, ...name: string[]): string {
  return join(storeDir, ...new Date(at).toISOString().slice(0, 10).split('-'), ...name);
}

/** A finished call recording, moved into the store and described; what cannot be stored is a failed row with the reason. */
export async function finaliseRecording(job: RecordingJob, stores: RecordingStores): Promise<RecordingRow> {
  const filed = await fileAway(join(stores.spoolDir, `${job.name}.${job.format}`), storePath(stores.storeDir, job.startedAt, `${job.callId}.${job.format}`));
  const row: RecordingRow = {
    id: job.callId, callId: job.callId, status: 'failed', failureReason: null, path: filed.path, format: job.format,
    secs: null, bytes: filed.bytes, sha256: null, pausedSpans: job.pausedSpans, startedAt: job.startedAt,
  };
  return filed.status === 'stored' ? { ...row, status: 'stored', secs: filed.secs, sha256: filed.sha256 } : { ...row, failureReason: filed.failureReason };
}
