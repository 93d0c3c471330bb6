import { loadConfig } from '@hotline/contracts';
import { createPool, migrate } from '@hotline/db';
import { seedDemo } from '../demo/seed-demo.js';

// Usage: prepare-db [--demo]   migrates the stack's database; --demo also loads the demo configuration.
const config = loadConfig();
const pool = createPool(config.postgres, 2);
try {
  const applied = await migrate(pool);
  if (applied.length > 0) console.error(`[hotline] migrations applied: ${applied.join(', ')}`);
  if (process.argv.includes('--demo')) await seedDemo(pool, config);
} finally {
  await pool.end();
}
