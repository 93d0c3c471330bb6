import { UnrecoverableError, Worker, type ConnectionOptions } from 'bullmq';
import { Value } from '@sinclair/typebox/value';
import { CALL_EVENTS_QUEUE, CallEvent } from '@hotline/contracts';
import type { CallRecordRepository } from '@hotline/db';
import type { Logger } from 'pino';

/**
 * Turns call events into the call timeline and the call row. A payload that does not match the
 * contract can never succeed, so it fails at once (no retries); database errors are retried.
 */
export function startCallEventsWorker(connection: ConnectionOptions, records: CallRecordRepository, log: Logger): Worker {
  const worker = new Worker(
    CALL_EVENTS_QUEUE,
    async (job) => {
      if (!Value.Check(CallEvent, job.data)) {
        const first = [...Value.Errors(CallEvent, job.data)][0];
        throw new UnrecoverableError(`invalid call event at ${first?.path ?? '/'}: ${first?.message ?? 'unknown'}`);
      }
      const written = await records.record(job.data);
      log.debug({ eventId: job.data.id, callId: job.data.callId, written }, 'call event stored');
      return { written };
    },
    { connection, concurrency: 4 },
  );
  worker.on('failed', (job, error) => log.warn({ jobId: job?.id, err: error.message }, 'call event job failed'));
  return worker;
}
