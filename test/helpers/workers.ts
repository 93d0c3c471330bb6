import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** The workers service as `npm start` runs it, in its own process so a test can kill it for real. */
export function startWorkers(): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'services/workers/src/main.ts'], {
    cwd: repoRoot,
    env: { ...process.env, HOTLINE_LOG_LEVEL: 'warn' },
    stdio: 'ignore',
  });
}
