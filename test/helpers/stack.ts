import { loadConfig, type HotlineConfig } from '@hotline/contracts';
import { createPool, migrate } from '@hotline/db';
import { buildApp, type App, type BuildOptions } from '../../services/control/src/app.js';
import { seedDemo, type DemoCredentials } from '../../services/control/src/demo/seed-demo.js';
import { Redis } from 'ioredis';
import { snapshotKeys } from '../../services/control/src/features/calls/call-snapshot.js';
import { waitFor } from './wait.js';

/** The test stack started by `npm test` (scripts/test.sh), read from the same config file the services use. */
export function testConfig(): HotlineConfig {
  return { ...loadConfig(), logLevel: 'silent' };
}

/** Migrates and loads the demo configuration (idempotent), returning its credentials. */
export async function seedTestData(config: HotlineConfig): Promise<DemoCredentials> {
  const pool = createPool(config.postgres, 2);
  try {
    await migrate(pool);
    return await seedDemo(pool, config);
  } finally {
    await pool.end();
  }
}

/**
 * Each test file starts the service afresh, not after a crash: the previous file's snapshot of
 * calls and agent states (kept for crash recovery) is dropped first.
 */
export async function forgetLastRun(config: HotlineConfig): Promise<void> {
  const redis = new Redis({ host: config.redis.host, port: config.redis.port, password: config.redis.password });
  const keys = snapshotKeys(config.instance);
  await redis.del(keys.calls, keys.agents, keys.seenAt, keys.epoch);
  redis.disconnect();
}

/** Builds the control service in-process and waits until every dependency reports up. */
export async function startControl(config: HotlineConfig, options: BuildOptions = {}): Promise<App> {
  await forgetLastRun(config);
  const app = await buildApp(config, options);
  await app.ready();
  await waitFor('a healthy control service', async () => {
    const res = await app.inject({ method: 'GET', url: '/healthz' });
    return res.statusCode === 200 ? true : undefined;
  }, 30_000);
  return app;
}

/** A demo agent's logins (web and SIP) by extension. */
export function demoAgent(credentials: DemoCredentials, extension: string): DemoCredentials['agents'][number] {
  const account = credentials.agents.find((a) => a.extension === extension);
  if (!account) throw new Error(`demo agent ${extension} missing`);
  return account;
}

export async function login(app: App, username: string, password: string): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
  return (res.json() as { token: string }).token;
}

/**
 * What most real-stack tests start from: the demo data seeded, the control service built and
 * healthy, and a small pool for reading what the service and workers wrote.
 */
export async function openTestStack() {
  const config = testConfig();
  const credentials = await seedTestData(config);
  const app = await startControl(config);
  const pool = createPool(config.postgres, 2);
  return { config, credentials, app, pool };
}
