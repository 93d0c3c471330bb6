import { spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const scenarios = fileURLToPath(new URL('./sipp/', import.meta.url));

export interface SippOutcome {
  exitCode: number | null;
  successful: number;
  failed: number;
}

export interface SippProcess {
  pid: number;
  done: Promise<SippOutcome>;
  stop(): void;
}

/** The last cumulative counters of SIPp's statistics file (-trace_stat). */
function finalCounts(dir: string, scenario: string): { successful: number; failed: number } {
  const file = readdirSync(dir).find((name) => name.startsWith(scenario.replace('.xml', '_')) && name.endsWith('.csv'));
  const lines = file ? readFileSync(join(dir, file), 'utf8').trim().split('\n') : [];
  const header = (lines[0] ?? '').split(';');
  const last = (lines.at(-1) ?? '').split(';');
  const column = (name: string) => Number(last[header.indexOf(name)] ?? 0) || 0;
  return { successful: column('SuccessfulCall(C)'), failed: column('FailedCall(C)') };
}

/**
 * Runs a scenario from scripts/load/sipp in `dir` (its logs and statistics land there). SIPp runs
 * at the lowest CPU priority: streaming the RTP of hundreds of calls, it would otherwise take the
 * CPU the systems under test need on the same machine, and the load would measure the load generator.
 */
export function runSipp(dir: string, target: string, scenario: string, args: string[]): SippProcess {
  const child = spawn('nice', ['-n', '19', 'sipp', target, '-sf', join(scenarios, scenario), '-nostdin', '-trace_stat', '-fd', '1', '-trace_err', ...args], {
    cwd: dir,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));
  const done = new Promise<SippOutcome>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (exitCode) => {
      if (exitCode !== 0 && exitCode !== 1 && stderr.trim()) process.stderr.write(`sipp ${scenario}: ${stderr}\n`);
      resolve({ exitCode, ...finalCounts(dir, scenario) });
    });
  });
  // SIPp waiting for calls that will never come does not always heed SIGTERM.
  return { pid: child.pid ?? 0, done, stop: () => child.kill('SIGKILL') };
}
