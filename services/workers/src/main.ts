import { loadConfig } from '@hotline/contracts';
import {
  createCallRecordRepository, createPool, createReconciliationRepository, createRecordingRepository, createSurveyRepository,
  createVoicemailRepository,
} from '@hotline/db';
import { pino } from 'pino';
import { startCallEventsWorker } from './call-events.worker.js';
import { recordingStores } from './finalise-recording.js';
import { startRecordingsWorker } from './recordings.worker.js';
import { startMaintenanceWorker } from './maintenance.worker.js';
import { startSurveysWorker } from './surveys.worker.js';
import { startAsteriskCdrsWorker } from './asterisk-cdrs.worker.js';
import { startVoicemailsWorker } from './voicemails.worker.js';

const config = loadConfig();
const log = pino({ level: config.logLevel, base: { service: 'workers' } });
const pool = createPool(config.postgres);
const connection = { host: config.redis.host, port: config.redis.port, password: config.redis.password, maxRetriesPerRequest: null };
const stores = recordingStores(config);
const recordings = createRecordingRepository(pool);
const reconciliation = createReconciliationRepository(pool);
const voicemails = createVoicemailRepository(pool);
const maintenance = await startMaintenanceWorker(connection, { recordings, voicemails, reconciliation }, config.recordings.retentionDays, log);
const workers = [
  startCallEventsWorker(connection, createCallRecordRepository(pool), log),
  startRecordingsWorker(connection, stores, recordings, log),
  startVoicemailsWorker(connection, stores, voicemails, log),
  startSurveysWorker(connection, createSurveyRepository(pool), log),
  startAsteriskCdrsWorker(connection, reconciliation, log),
  maintenance.worker,
];
log.info({ queues: workers.map((w) => w.name) }, 'workers started');

let closing = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    // close() lets jobs in progress finish, so nothing is left half-processed.
    log.info({ signal }, 'draining workers');
    setTimeout(() => process.exit(1), 30_000).unref();
    Promise.all([...workers.map((w) => w.close()), maintenance.close()])
      .then(() => pool.end())
      .then(
        () => process.exit(0),
        () => process.exit(1),
      );
  });
}
