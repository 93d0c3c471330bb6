import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import t, { type Test } from 'tap';
import { createCallRecordRepository } from '@hotline/db';
import { demoAgent, login, openTestStack } from './helpers/stack.js';
import { killAllSipp, sippAgent, sippCaller } from './helpers/sipp.js';
import { waitFor } from './helpers/wait.js';
import { inProcessWorkers } from './helpers/workers.js';

// Redis or PostgreSQL going away for a while: calls are still handled, and what happened meanwhile
// is stored once both are back: nothing lost, nothing twice.
const { config, credentials, app, pool } = await openTestStack();
const records = createCallRecordRepository(pool);
const workers = inProcessWorkers(config, pool, ['call-events']);
const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const carol = demoAgent(credentials, '1003');
const phone = sippAgent(config, '1003', carol.sipPassword, 15701);
const agentAuth = { authorization: `Bearer ${await login(app, '1003', carol.password)}` };
t.teardown(async () => {
  killAllSipp();
  restartStack();
  await phone.unregister();
  await workers.close();
  await pool.end();
  await app.close();
});

// As long as the hardening issue asks: each dependency stays away this long.
const OUTAGE_MS = 30_000;
const restartStack = () => spawnSync('bash', ['scripts/stack.sh', 'up', config.instance], { cwd: repoRoot, encoding: 'utf8' }).status;
const pidOf = (file: string) => Number(readFileSync(`${config.paths.state}/${file}`, 'utf8').trim().split('\n')[0]);
const health = async () => (await app.inject({ method: 'GET', url: '/healthz' })).json() as { dependencies: Record<string, { status: string }> };

/** A call answered by agent 1003 while the dependency is down; resolves with its customer number. */
async function callDuringOutage(t: Test, number: string): Promise<void> {
  const agentLeg = phone.answer();
  const caller = sippCaller(config, number).call('7000', 1500);
  const result = await caller.done;
  t.equal(result.code, 0, 'the call was answered and completed during the outage', { output: result.output });
  const agentResult = await agentLeg.done;
  t.equal(agentResult.code, 0, 'the agent leg completed', { output: agentResult.output.slice(-1500) });
  const ended = (await app.inject({ method: 'GET', url: '/calls?state=ended', headers: agentAuth })).json() as { customerNumber: string; outcome: string }[];
  t.ok(ended.some((c) => c.customerNumber === number && c.outcome === 'answered'), 'handled by agent 1003');
}

const storedOnce = async (t: Test, number: string) => {
  const row = await waitFor(`the record of the call from ${number}`, async () => {
    const { rows } = await pool.query<{ id: string }>('SELECT id FROM calls WHERE customer_number = $1 AND outcome IS NOT NULL', [number]);
    return rows.length > 0 ? rows : undefined;
  }, 60_000);
  t.equal(row.length, 1, 'exactly one call row');
  const stored = row[0] && (await records.get(row[0].id));
  t.match(stored, { outcome: 'answered', agentId: '1003' });
};

t.test('setup', async (t) => {
  t.equal((await phone.register()).code, 0);
  t.equal((await app.inject({ method: 'POST', url: '/agents/1003/state', headers: agentAuth, payload: { state: 'ready' } })).statusCode, 200);
});

t.test('Redis away: calls go on, their events wait and are stored after recovery', async (t) => {
  process.kill(pidOf('redis.pid'), 'SIGKILL');
  await waitFor('health to see Redis down', async () => ((await health()).dependencies.redis?.status === 'down' ? true : undefined));
  const started = Date.now();
  const number = `5561${String(Date.now()).slice(-6)}`;
  await callDuringOutage(t, number);
  await new Promise((r) => setTimeout(r, Math.max(0, OUTAGE_MS - (Date.now() - started))));
  t.equal(restartStack(), 0, 'Redis back');
  await storedOnce(t, number);
  await waitFor('health to recover', async () => ((await health()).dependencies.redis?.status === 'up' ? true : undefined), 30_000);
});

t.test('PostgreSQL away: calls go on (phones served from Asterisk\'s cache), the worker retries and stores them after recovery', async (t) => {
  // The agent is in wrap-up after the last call; ready them for the next.
  await app.inject({ method: 'POST', url: '/agents/1003/state', headers: agentAuth, payload: { state: 'ready' } });
  spawnSync('runuser', ['-u', 'postgres', '--', 'pg_ctl', '-D', `${config.paths.state}/pg`, '-m', 'immediate', 'stop'], { encoding: 'utf8' });
  await waitFor('health to see PostgreSQL down', async () => ((await health()).dependencies.postgres?.status === 'down' ? true : undefined));
  const started = Date.now();
  const number = `5562${String(Date.now()).slice(-6)}`;
  await callDuringOutage(t, number);
  await new Promise((r) => setTimeout(r, Math.max(0, OUTAGE_MS - (Date.now() - started))));
  t.equal(restartStack(), 0, 'PostgreSQL back');
  await storedOnce(t, number);
});
