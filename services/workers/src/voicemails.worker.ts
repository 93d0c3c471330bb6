import { join } from 'node:path';
import { UnrecoverableError, type ConnectionOptions, type Worker } from 'bullmq';
import { VOICEMAILS_QUEUE, VoicemailJob, type VoicemailFiled } from '@hotline/contracts';
import type { NewVoicemail, VoicemailRepository } from '@hotline/db';
import type { Logger } from 'pino';
import { fileAway, storePath, type RecordingStores } from './finalise-recording.js';
import { startValidatedWorker } from './validated-worker.js';

/**
 * The message a caller left, moved from Asterisk's recording spool into the store (voicemail
 * folder, one per day) and described; undefined when there is none to file: the caller hung up
 * before the recording began, or it holds nothing. A file that cannot be read fails for good.
 */
export async function voicemailFile(job: VoicemailJob, stores: Pick<RecordingStores, 'voicemailSpoolDir' | 'storeDir'>): Promise<NewVoicemail | undefined> {
  const spooled = join(stores.voicemailSpoolDir, `${job.name}.${job.format}`);
  const filed = await fileAway(spooled, storePath(join(stores.storeDir, 'voicemail'), job.leftAt, `${job.callId}.${job.format}`));
  if (filed.status === 'stored') {
    return { id: job.callId, queueId: job.queueId, customerNumber: job.customerNumber, leftAt: job.leftAt, path: filed.path, secs: filed.secs, bytes: filed.bytes, sha256: filed.sha256 };
  }
  if (filed.path !== null) throw new UnrecoverableError(`voicemail ${job.callId}: ${filed.failureReason}`);
  return undefined;
}

/** Files each message left in a queue's voicemail box, once, whatever the retries. */
export function startVoicemailsWorker(connection: ConnectionOptions, stores: RecordingStores, voicemails: VoicemailRepository, log: Logger): Worker {
  return startValidatedWorker(VOICEMAILS_QUEUE, VoicemailJob, 'voicemail job', async (job): Promise<VoicemailFiled> => {
    const message = await voicemailFile(job, stores);
    if (!message) {
      log.info({ callId: job.callId, queueId: job.queueId }, 'no voicemail message to file: the caller left before speaking');
      return { filed: false };
    }
    await voicemails.file(message);
    log.info({ callId: job.callId, queueId: job.queueId, secs: message.secs }, 'voicemail message filed');
    return { filed: true };
  }, { connection, concurrency: 2, log });
}
