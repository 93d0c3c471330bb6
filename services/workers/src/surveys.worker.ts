import { UnrecoverableError, Worker, type ConnectionOptions } from 'bullmq';
import { Value } from '@sinclair/typebox/value';
import { SURVEYS_QUEUE, SurveyJob } from '@hotline/contracts';
import type { SurveyRepository } from '@hotline/db';
import type { Logger } from 'pino';

/** Answered surveys: stored once, running scores updated, detractors turned into follow-ups. */
export function startSurveysWorker(connection: ConnectionOptions, surveys: SurveyRepository, log: Logger): Worker {
  const worker = new Worker(
    SURVEYS_QUEUE,
    async (job) => {
      if (!Value.Check(SurveyJob, job.data)) {
        const first = [...Value.Errors(SurveyJob, job.data)][0];
        throw new UnrecoverableError(`invalid survey job at ${first?.path ?? '/'}: ${first?.message ?? 'unknown'}`);
      }
      const outcome = await surveys.record(job.data);
      if (outcome.followup) log.info({ callId: job.data.callId, agentId: job.data.agentId, score: job.data.score }, 'detractor: follow-up opened');
      return outcome;
    },
    { connection, concurrency: 2 },
  );
  worker.on('failed', (job, error) => log.warn({ jobId: job?.id, err: error.message }, 'survey job failed'));
  return worker;
}
