import { Queue, Worker, type ConnectionOptions } from 'bullmq';
import type { ReconciliationRepository, RecordingRepository, VoicemailRepository } from '@hotline/db';
import type { Logger } from 'pino';
import { applyRetention } from './retention.js';

export const MAINTENANCE_QUEUE = 'maintenance';

const HOUR_MS = 3_600_000;

/**
 * Scheduled housekeeping, hourly (a scheduler keeps one schedule however many workers start):
 * retention of recordings and voicemail messages, and reconciling the last day's calls against Asterisk's CDRs.
 */
export async function startMaintenanceWorker(
  connection: ConnectionOptions,
  stores: { recordings: RecordingRepository; voicemails: VoicemailRepository; reconciliation: ReconciliationRepository },
  retentionDays: number,
  log: Logger,
) {
  const queue = new Queue(MAINTENANCE_QUEUE, { connection });
  await queue.upsertJobScheduler('recording-retention', { every: HOUR_MS }, { name: 'recording-retention' });
  await queue.upsertJobScheduler('reconciliation', { every: HOUR_MS }, { name: 'reconciliation' });
  const worker = new Worker(
    MAINTENANCE_QUEUE,
    async (job) => {
      if (job.name === 'reconciliation') {
        // CDRs of calls still in progress arrive at their end: leave the last minutes out.
        const to = Date.now() - 5 * 60_000;
        const report = await stores.reconciliation.report(to - 24 * HOUR_MS, to);
        if (report.missing.length > 0) log.warn({ missing: report.missing.length, asteriskCalls: report.asteriskCalls }, 'calls Asterisk saw that we have no record of');
        return { asteriskCalls: report.asteriskCalls, missing: report.missing.length };
      }
      const deleted = await applyRetention(stores.recordings, Date.now(), retentionDays);
      const voicemails = await applyRetention(stores.voicemails, Date.now(), retentionDays);
      if (deleted + voicemails > 0) log.info({ deleted, voicemails, retentionDays }, 'recordings and voicemail messages past retention deleted');
      return { deleted, voicemails };
    },
    { connection, concurrency: 1 },
  );
  worker.on('failed', (job, error) => log.warn({ jobId: job?.id, err: error.message }, 'maintenance job failed'));
  return { worker, close: async () => { await worker.close(); await queue.close(); } };
}
