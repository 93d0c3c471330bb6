import { loadConfig, type HotlineConfig } from '@hotline/contracts';
import { createPool, migrate } from '@hotline/db';
import { buildApp, type App } from '../../services/control/src/app.js';
import { seedDemo, type DemoCredentials } from '../../services/control/src/demo/seed-demo.js';
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

/** Builds the control service in-process and waits until every dependency reports up. */
export async function startControl(config: HotlineConfig): Promise<App> {
  const app = await buildApp(config);
  await app.ready();
  await waitFor('a healthy control service', async () => {
    const res = await app.inject({ method: 'GET', url: '/healthz' });
    return res.statusCode === 200 ? true : undefined;
  }, 30_000);
  return app;
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
