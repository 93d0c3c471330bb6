import { Queue, Worker, type ConnectionOptions } from 'bullmq';
import type { RecordingRepository } from '@hotline/db';
import type { Logger } from 'pino';
import { applyRetention } from './retention.js';

export const MAINTENANCE_QUEUE = 'maintenance';

/** Scheduled housekeeping: recording retention, hourly (the scheduler keeps one schedule however many workers start). */
export async function startMaintenanceWorker(connection: ConnectionOptions, recordings: RecordingRepository, retentionDays: number, log: Logger) {
  const queue = new Queue(MAINTENANCE_QUEUE, { connection });
  await queue.upsertJobScheduler('recording-retention', { every: 3_600_000 }, { name: 'recording-retention' });
  const worker = new Worker(
    MAINTENANCE_QUEUE,
    async () => {
      const deleted = await applyRetention(recordings, Date.now(), retentionDays);
      if (deleted > 0) log.info({ deleted, retentionDays }, 'recordings past retention deleted');
      return { deleted };
    },
    { connection, concurrency: 1 },
  );
  worker.on('failed', (job, error) => log.warn({ jobId: job?.id, err: error.message }, 'maintenance job failed'));
  return { worker, close: async () => { await worker.close(); await queue.close(); } };
}
