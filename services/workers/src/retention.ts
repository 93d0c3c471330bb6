import { unlink } from 'node:fs/promises';

const DAY_MS = 86_400_000;

/** Stored audio (call recordings, voicemail messages) that retention can find and mark deleted. */
export interface RetainedAudio {
  dueForDeletion(before: number): Promise<{ id: string; path: string }[]>;
  markDeleted(id: string): Promise<void>;
}

/**
 * Deletes the audio older than the retention period and marks its rows deleted (the row stays:
 * the call still had a recording, the box a message; the audio is just gone). A file already
 * missing is not an error.
 */
export async function applyRetention(recordings: RetainedAudio, now: number, retentionDays: number): Promise<number> {
  let deleted = 0;
  for (;;) {
    const due = await recordings.dueForDeletion(now - retentionDays * DAY_MS);
    if (due.length === 0) return deleted;
    for (const { id, path } of due) {
      await unlink(path).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
      });
      await recordings.markDeleted(id);
      deleted++;
    }
  }
}
