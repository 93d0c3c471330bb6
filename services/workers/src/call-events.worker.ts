import type { ConnectionOptions, Worker } from 'bullmq';
import { CALL_EVENTS_QUEUE, CallEvent } from '@hotline/contracts';
import type { CallRecordRepository } from '@hotline/db';
import type { Logger } from 'pino';
import { startValidatedWorker } from './validated-worker.js';

/** Turns call events into the call timeline and the call row. */
export function startCallEventsWorker(connection: ConnectionOptions, records: CallRecordRepository, log: Logger): Worker {
  return startValidatedWorker(CALL_EVENTS_QUEUE, CallEvent, 'call event', async (event) => {
    const written = await records.record(event);
    log.debug({ eventId: event.id, callId: event.callId, written }, 'call event stored');
    return { written };
  }, { connection, concurrency: 4, log });
}
