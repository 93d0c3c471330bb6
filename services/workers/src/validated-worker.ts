import { UnrecoverableError, Worker, type ConnectionOptions } from 'bullmq';
import type { Static, TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type { Logger } from 'pino';

/**
 * A BullMQ worker whose jobs must match `schema`. A payload that does not can never succeed, so it
 * fails at once (UnrecoverableError: no retries, straight to the dead letters) naming the field;
 * anything `process` throws is retried with the queue's backoff.
 */
export function startValidatedWorker<S extends TSchema>(
  queue: string,
  schema: S,
  what: string,
  process: (data: Static<S>) => Promise<unknown>,
  options: { connection: ConnectionOptions; concurrency: number; log: Logger },
): Worker {
  const worker = new Worker(
    queue,
    async (job) => {
      if (!Value.Check(schema, job.data)) {
        const first = [...Value.Errors(schema, job.data)][0];
        throw new UnrecoverableError(`invalid ${what} at ${first?.path || '/'}: ${first?.message ?? 'unknown'}`);
      }
      return process(job.data);
    },
    { connection: options.connection, concurrency: options.concurrency },
  );
  worker.on('failed', (job, error) => options.log.warn({ queue, jobId: job?.id, err: error.message }, `${what} job failed`));
  return worker;
}
