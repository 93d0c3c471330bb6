import { unlink } from 'node:fs/promises';
import type { RecordingRepository } from '@hotline/db';

const DAY_MS = 86_400_000;

/**
 * Deletes the recordings older than the retention period and marks their rows deleted (the row
 * stays: the call still had a recording, it is just gone). A file already missing is not an error.
 */
export async function applyRetention(recordings: RecordingRepository, now: number, retentionDays: number): Promise<number> {
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
