import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import fp from 'fastify-plugin';
import {
  ASTERISK_CDRS_QUEUE, CALL_EVENTS_QUEUE, RECORDINGS_QUEUE, SURVEYS_QUEUE, VOICEMAILS_QUEUE,
  type AsteriskCdr, type CallEvent, type HotlineConfig, type RecordingJob, type SurveyJob, type VoicemailJob,
} from '@hotline/contracts';
import { Outbox } from './outbox.js';

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
  /** Queued once per call (the job id is the call's), `delayMs` later when Asterisk may still be closing the file. */
  fileVoicemail(job: VoicemailJob, delayMs: number): Promise<void>;
  keepAsteriskCdr(cdr: AsteriskCdr): Promise<void>;
  /** Jobs that failed for good (bad payloads, retries exhausted): the dead letters. */
  deadLetters(limit: number): Promise<DeadLetter[]>;
  /** Settles once the jobs a killed run never got to Redis are handed over again. */
  readonly resent: Promise<void>;
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
 * Every job goes through the outbox first, so a run killed while Redis is away loses none.
 */
export function createJobBus(redis: HotlineConfig['redis'], outbox: Outbox): JobBus {
  const connection = { host: redis.host, port: redis.port, password: redis.password, maxRetriesPerRequest: null };
  const events = new Queue(CALL_EVENTS_QUEUE, { connection, defaultJobOptions: retrying });
  const recordings = new Queue(RECORDINGS_QUEUE, { connection, defaultJobOptions: retrying });
  const surveys = new Queue(SURVEYS_QUEUE, { connection, defaultJobOptions: retrying });
  const cdrs = new Queue(ASTERISK_CDRS_QUEUE, { connection, defaultJobOptions: retrying });
  const voicemails = new Queue(VOICEMAILS_QUEUE, { connection, defaultJobOptions: retrying });
  const all = [events, recordings, surveys, cdrs, voicemails];
  const byName = new Map(all.map((queue) => [queue.name, queue]));
  const handOver = async (queue: Queue, name: string, data: unknown, jobId: string, delayMs: number) => {
    await queue.add(name, data, { jobId, ...(delayMs > 0 ? { delay: delayMs } : {}) });
    outbox.confirmed({ queue: queue.name, jobId });
  };
  const add = async (queue: Queue, name: string, data: unknown, jobId: string, delayMs = 0) => {
    await outbox.written({ queue: queue.name, name, jobId, data, at: Date.now(), delayMs });
    await handOver(queue, name, data, jobId, delayMs);
  };
  // What a killed run left (already in the outbox): handed over again, a delayed job with what
  // remains of its delay. A job that does not get through stays there for the next start.
  const resent = Promise.all(outbox.left.map(async (job) => {
    const queue = byName.get(job.queue);
    if (queue) await handOver(queue, job.name, job.data, job.jobId, Math.max(0, job.at + job.delayMs - Date.now()));
  })).then(() => undefined, () => undefined);
  return {
    resent,
    async publish(event) {
      await add(events, event.type, event, event.id);
    },
    async finaliseRecording(job, delayMs = 0) {
      await add(recordings, 'finalise', job, `recording.${job.callId}`, delayMs);
    },
    async processSurvey(job) {
      await add(surveys, 'survey', job, `survey.${job.callId}`);
    },
    async fileVoicemail(job, delayMs) {
      await add(voicemails, 'file', job, `voicemail.${job.callId}`, delayMs);
    },
    async keepAsteriskCdr(cdr) {
      await add(cdrs, 'cdr', cdr, `cdr.${cdr.uniqueid}`);
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
      outbox.close();
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
    const dir = join(app.config.paths.state, 'outbox');
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const outbox = new Outbox(join(dir, 'control.jsonl'));
    if (outbox.left.length > 0) app.log.warn({ jobs: outbox.left.length }, 'handing over again the jobs the last run never got to Redis');
    const jobs = createJobBus(app.config.redis, outbox);
    app.decorate('jobs', jobs);
    app.addHook('onClose', () => jobs.close());
  },
  { name: 'jobs', dependencies: ['infra'] },
);
