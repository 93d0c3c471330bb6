import { Queue } from 'bullmq';
import fp from 'fastify-plugin';
import {
  ASTERISK_CDRS_QUEUE, CALL_EVENTS_QUEUE, RECORDINGS_QUEUE, SURVEYS_QUEUE,
  type AsteriskCdr, type CallEvent, type HotlineConfig, type RecordingJob, type SurveyJob,
} from '@hotline/contracts';

export interface DeadLetter {
  queue: string;
  jobId: string;
  name: string;
  failedReason: string;
  attemptsMade: number;
  failedAt: number | null;
  data: unknown;
}

export interface JobBus {
  publish(event: CallEvent): Promise<void>;
  /** Queued once per call (the job id is the call's); `delayMs` for the backstop queued at call end. */
  finaliseRecording(job: RecordingJob, delayMs?: number): Promise<void>;
  processSurvey(job: SurveyJob): Promise<void>;
  keepAsteriskCdr(cdr: AsteriskCdr): Promise<void>;
  /** Jobs that failed for good (bad payloads, retries exhausted): the dead letters. */
  deadLetters(limit: number): Promise<DeadLetter[]>;
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
export function createJobBus(redis: HotlineConfig['redis']): JobBus {
  const connection = { host: redis.host, port: redis.port, password: redis.password, maxRetriesPerRequest: null };
  const events = new Queue(CALL_EVENTS_QUEUE, { connection, defaultJobOptions: retrying });
  const recordings = new Queue(RECORDINGS_QUEUE, { connection, defaultJobOptions: retrying });
  const surveys = new Queue(SURVEYS_QUEUE, { connection, defaultJobOptions: retrying });
  const cdrs = new Queue(ASTERISK_CDRS_QUEUE, { connection, defaultJobOptions: retrying });
  const all = [events, recordings, surveys, cdrs];
  return {
    async publish(event) {
      await events.add(event.type, event, { jobId: event.id });
    },
    async finaliseRecording(job, delayMs = 0) {
      await recordings.add('finalise', job, { jobId: `recording.${job.callId}`, delay: delayMs });
    },
    async processSurvey(job) {
      await surveys.add('survey', job, { jobId: `survey.${job.callId}` });
    },
    async keepAsteriskCdr(cdr) {
      await cdrs.add('cdr', cdr, { jobId: `cdr.${cdr.uniqueid}` });
    },
    async deadLetters(limit) {
      const perQueue = await Promise.all(all.map(async (queue) => (await queue.getFailed(0, limit - 1)).map((job) => ({
        queue: queue.name,
        jobId: job.id ?? '',
        name: job.name,
        failedReason: job.failedReason,
        attemptsMade: job.attemptsMade,
        failedAt: job.finishedOn ?? null,
        data: job.data as unknown,
      }))));
      return perQueue.flat().sort((a, b) => (b.failedAt ?? 0) - (a.failedAt ?? 0)).slice(0, limit);
    },
    close: async () => {
      await Promise.all(all.map((queue) => queue.close()));
    },
  };
}

declare module 'fastify' {
  interface FastifyInstance {
    jobs: JobBus;
  }
}

/** The control service's one connection to the workers' queues. */
export default fp(
  async (app) => {
    const jobs = createJobBus(app.config.redis);
    app.decorate('jobs', jobs);
    app.addHook('onClose', () => jobs.close());
  },
  { name: 'jobs', dependencies: ['infra'] },
);
