import { Queue } from 'bullmq';
import { CALL_EVENTS_QUEUE, RECORDINGS_QUEUE, SURVEYS_QUEUE, type CallEvent, type HotlineConfig, type RecordingJob, type SurveyJob } from '@hotline/contracts';

export interface CallEventSink {
  publish(event: CallEvent): Promise<void>;
  finaliseRecording(job: RecordingJob): Promise<void>;
  processSurvey(job: SurveyJob): Promise<void>;
  close(): Promise<void>;
}

const retrying = {
  attempts: 20,
  backoff: { type: 'exponential', delay: 500 },
  removeOnComplete: { count: 10_000 },
  removeOnFail: false,
};

/**
 * Hands work to the workers through BullMQ. Job ids are stable (the event id, the call id), so
 * publishing the same thing twice (a retry after a timeout, a re-adopted call) queues it once.
 */
export function createCallEventPublisher(redis: HotlineConfig['redis']): CallEventSink {
  const connection = { host: redis.host, port: redis.port, password: redis.password, maxRetriesPerRequest: null };
  const events = new Queue(CALL_EVENTS_QUEUE, { connection, defaultJobOptions: retrying });
  const recordings = new Queue(RECORDINGS_QUEUE, { connection, defaultJobOptions: retrying });
  const surveys = new Queue(SURVEYS_QUEUE, { connection, defaultJobOptions: retrying });
  return {
    async publish(event) {
      await events.add(event.type, event, { jobId: event.id });
    },
    async finaliseRecording(job) {
      await recordings.add('finalise', job, { jobId: `recording.${job.callId}` });
    },
    async processSurvey(job) {
      await surveys.add('survey', job, { jobId: `survey.${job.callId}` });
    },
    close: async () => {
      await Promise.all([events.close(), recordings.close(), surveys.close()]);
    },
  };
}
