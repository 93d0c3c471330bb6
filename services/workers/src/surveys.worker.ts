import type { ConnectionOptions, Worker } from 'bullmq';
import { SURVEYS_QUEUE, SurveyJob } from '@hotline/contracts';
import type { SurveyRepository } from '@hotline/db';
import type { Logger } from 'pino';
import { startValidatedWorker } from './validated-worker.js';

/** Answered surveys: stored once, running scores updated, detractors turned into follow-ups. */
export function startSurveysWorker(connection: ConnectionOptions, surveys: SurveyRepository, log: Logger): Worker {
  return startValidatedWorker(SURVEYS_QUEUE, SurveyJob, 'survey job', async (job) => {
    const outcome = await surveys.record(job);
    if (outcome.followup) log.info({ callId: job.callId, agentId: job.agentId, score: job.score }, 'detractor: follow-up opened');
    return outcome;
  }, { connection, concurrency: 2, log });
}
