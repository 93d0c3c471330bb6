import { Queue } from 'bullmq';
import { CALL_EVENTS_QUEUE, type CallEvent, type HotlineConfig } from '@hotline/contracts';

export interface CallEventSink {
  publish(event: CallEvent): Promise<void>;
  close(): Promise<void>;
}

/**
 * Hands call events to the workers through BullMQ. The event id is the job id, so publishing the
 * same event twice (a retry after a timeout, a re-adopted call) queues it once.
 */
export function createCallEventPublisher(redis: HotlineConfig['redis']): CallEventSink {
  const queue = new Queue(CALL_EVENTS_QUEUE, {
    connection: { host: redis.host, port: redis.port, password: redis.password, maxRetriesPerRequest: null },
    defaultJobOptions: {
      attempts: 20,
      backoff: { type: 'exponential', delay: 500 },
      removeOnComplete: { count: 10_000 },
      removeOnFail: false,
    },
  });
  return {
    async publish(event) {
      await queue.add(event.type, event, { jobId: event.id });
    },
    close: () => queue.close(),
  };
}
