import { UnrecoverableError, Worker, type ConnectionOptions } from 'bullmq';
import { Value } from '@sinclair/typebox/value';
import { ASTERISK_CDRS_QUEUE, AsteriskCdr } from '@hotline/contracts';
import type { ReconciliationRepository } from '@hotline/db';
import type { Logger } from 'pino';

/** Keeps Asterisk's CDRs of inbound calls (once each) for reconciliation against our records. */
export function startAsteriskCdrsWorker(connection: ConnectionOptions, reconciliation: ReconciliationRepository, log: Logger): Worker {
  const worker = new Worker(
    ASTERISK_CDRS_QUEUE,
    async (job) => {
      if (!Value.Check(AsteriskCdr, job.data)) {
        const first = [...Value.Errors(AsteriskCdr, job.data)][0];
        throw new UnrecoverableError(`invalid Asterisk CDR at ${first?.path ?? '/'}: ${first?.message ?? 'unknown'}`);
      }
      return { stored: await reconciliation.keepCdr(job.data) };
    },
    { connection, concurrency: 2 },
  );
  worker.on('failed', (job, error) => log.warn({ jobId: job?.id, err: error.message }, 'Asterisk CDR job failed'));
  return worker;
}
