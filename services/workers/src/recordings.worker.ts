import type { ConnectionOptions, Worker } from 'bullmq';
import { RECORDINGS_QUEUE, RecordingJob } from '@hotline/contracts';
import type { RecordingRepository } from '@hotline/db';
import type { Logger } from 'pino';
import { finaliseRecording, type RecordingStores } from './finalise-recording.js';
import { startValidatedWorker } from './validated-worker.js';

/** Finalises each call recording once Asterisk has finished writing it. */
export function startRecordingsWorker(connection: ConnectionOptions, stores: RecordingStores, recordings: RecordingRepository, log: Logger): Worker {
  return startValidatedWorker(RECORDINGS_QUEUE, RecordingJob, 'recording job', async (job) => {
    const row = await finaliseRecording(job, stores);
    await recordings.store(row);
    log.info({ callId: row.callId, status: row.status, secs: row.secs, reason: row.failureReason }, 'recording finalised');
    return { status: row.status };
  }, { connection, concurrency: 2, log });
}
