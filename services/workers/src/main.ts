import { loadConfig } from '@hotline/contracts';
import { createCallRecordRepository, createPool } from '@hotline/db';
import { pino } from 'pino';
import { startCallEventsWorker } from './call-events.worker.js';

const config = loadConfig();
const log = pino({ level: config.logLevel, base: { service: 'workers' } });
const pool = createPool(config.postgres);
const connection = { host: config.redis.host, port: config.redis.port, password: config.redis.password, maxRetriesPerRequest: null };
const workers = [startCallEventsWorker(connection, createCallRecordRepository(pool), log)];
log.info({ queues: workers.map((w) => w.name) }, 'workers started');

let closing = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    // close() lets jobs in progress finish, so nothing is left half-processed.
    log.info({ signal }, 'draining workers');
    setTimeout(() => process.exit(1), 30_000).unref();
    Promise.all(workers.map((w) => w.close()))
      .then(() => pool.end())
      .then(
        () => process.exit(0),
        () => process.exit(1),
      );
  });
}
