import type { ConnectionOptions, Worker } from 'bullmq';
import { ASTERISK_CDRS_QUEUE, AsteriskCdr } from '@hotline/contracts';
import type { ReconciliationRepository } from '@hotline/db';
import type { Logger } from 'pino';
import { startValidatedWorker } from './validated-worker.js';

/** Keeps Asterisk's CDRs of inbound calls (once each) for reconciliation against our records. */
export function startAsteriskCdrsWorker(connection: ConnectionOptions, reconciliation: ReconciliationRepository, log: Logger): Worker {
  return startValidatedWorker(ASTERISK_CDRS_QUEUE, AsteriskCdr, 'Asterisk CDR', async (cdr) => ({ stored: await reconciliation.keepCdr(cdr) }), {
    connection,
    concurrency: 2,
    log,
  });
}
