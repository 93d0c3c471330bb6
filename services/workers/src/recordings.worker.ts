import { UnrecoverableError, Worker, type ConnectionOptions } from 'bullmq';
import { Value } from '@sinclair/typebox/value';
import { RECORDINGS_QUEUE, RecordingJob } from '@hotline/contracts';
import type { RecordingRepository } from '@hotline/db';
import type { Logger } from 'pino';
import { finaliseRecording, type RecordingStores } from './finalise-recording.js';

/** Finalises each call recording once Asterisk has finished writing it. */
export function startRecordingsWorker(connection: ConnectionOptions, stores: RecordingStores, recordings: RecordingRepository, log: Logger): Worker {
  const worker = new Worker(
    RECORDINGS_QUEUE,
    async (job) => {
      if (!Value.Check(RecordingJob, job.data)) {
        const first = [...Value.Errors(RecordingJob, job.data)][0];
        throw new UnrecoverableError(`invalid recording job at ${first?.path ?? '/'}: ${first?.message ?? 'unknown'}`);
      }
      const row = await finaliseRecording(job.data, stores);
      await recordings.store(row);
      log.info({ callId: row.callId, status: row.status, secs: row.secs, reason: row.failureReason }, 'recording finalised');
      return { status: row.status };
    },
    { connection, concurrency: 2 },
  );
  worker.on('failed', (job, error) => log.warn({ jobId: job?.id, err: error.message }, 'recording job failed'));
  return worker;
}
