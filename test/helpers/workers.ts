import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { HotlineConfig } from '@hotline/contracts';
import { createCallRecordRepository, createRecordingRepository, createSurveyRepository, createVoicemailRepository, type Pool } from '@hotline/db';
import { pino } from 'pino';
import { startCallEventsWorker } from '../../services/workers/src/call-events.worker.js';
import { recordingStores } from '../../services/workers/src/finalise-recording.js';
import { startRecordingsWorker } from '../../services/workers/src/recordings.worker.js';
import { startSurveysWorker } from '../../services/workers/src/surveys.worker.js';
import { startVoicemailsWorker } from '../../services/workers/src/voicemails.worker.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/**
 * A service process runs under tsx, whose source maps do not line up with tap's TypeScript loader:
 * merged with the test processes' coverage, its own lands on the wrong lines and reads as a second,
 * uncovered copy of every function. Coverage is measured in the test processes, which build the
 * same services in-process; tap's process tracking leaves this one out.
 */
function serviceEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, _TAPJS_PROCESSINFO_COVERAGE_: '0', ...extra };
}

/** The workers service as `npm start` runs it, in its own process so a test can kill it for real. */
export function startWorkers(): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'services/workers/src/main.ts'], {
    cwd: repoRoot,
    stdio: 'ignore',
    env: serviceEnv(),
  });
}

/**
 * The control service as `npm start` runs it (listening on the test port, or on `httpPort` for a
 * second instance), in its own process so a test can kill it.
 */
export function startControlProcess(httpPort?: number): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'services/control/src/server.ts'], {
    cwd: repoRoot,
    stdio: 'ignore',
    env: serviceEnv({ HOTLINE_LOG_LEVEL: 'warn', ...(httpPort ? { HOTLINE_HTTP_PORT: String(httpPort) } : {}) }),
  });
}

/** The workers' processors inside the test process, silent, for tests that read what they write. */
export function inProcessWorkers(config: HotlineConfig, pool: Pool, queues: ('call-events' | 'recordings' | 'surveys' | 'voicemails')[]) {
  const connection = { host: config.redis.host, port: config.redis.port, password: config.redis.password, maxRetriesPerRequest: null };
  const silent = pino({ level: 'silent' });
  const start = {
    'call-events': () => startCallEventsWorker(connection, createCallRecordRepository(pool), silent),
    recordings: () =>
      startRecordingsWorker(connection, recordingStores(config), createRecordingRepository(pool), silent),
    surveys: () => startSurveysWorker(connection, createSurveyRepository(pool), silent),
    voicemails: () => startVoicemailsWorker(connection, recordingStores(config), createVoicemailRepository(pool), silent),
  };
  const workers = queues.map((queue) => start[queue]());
  return { close: () => Promise.all(workers.map((w) => w.close())) };
}
