import type { ConnectionOptions, Worker } from 'bullmq';
import { CALL_EVENTS_QUEUE, CallEvent } from '@hotline/contracts';
import type { CallRecordRepository } from '@hotline/db';
import type { Logger } from 'pino';
import { GroupCommit } from './group-commit.js';
import { startValidatedWorker } from './validated-worker.js';

/** The most events one transaction stores. */
const BATCH = 100;
/** Transactions at once; jobs in hand are enough to fill them all. */
const PARALLEL = 4;

/**
 * Turns call events into the call timeline and the call row. Each job is one event; the events of
 * the jobs in hand are stored together, one transaction per batch, and a job completes only once
 * its batch is committed (a crash before that leaves it to be run again, which stores nothing twice).
 */
export function startCallEventsWorker(connection: ConnectionOptions, records: CallRecordRepository, log: Logger): Worker {
  const batches = new GroupCommit<CallEvent, boolean>(async (events) => {
    const stored = await records.recordMany(events);
    return events.map((event) => stored.has(event.id));
  }, { max: BATCH, parallel: PARALLEL });
  return startValidatedWorker(CALL_EVENTS_QUEUE, CallEvent, 'call event', async (event) => {
    const written = await batches.submit(event);
    log.debug({ eventId: event.id, callId: event.callId, written }, 'call event stored');
    return { written };
  }, { connection, concurrency: BATCH * PARALLEL, log });
}
