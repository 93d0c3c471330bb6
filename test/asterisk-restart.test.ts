import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { demoAgent, login, seedTestData, startControl, testConfig } from './helpers/stack.js';
import { killAllSipp, sippAgent, sippCaller } from './helpers/sipp.js';
import { waitFor } from './helpers/wait.js';

// Asterisk goes away and comes back: the service says so, reconnects by itself, registers its
// Stasis app again, and calls work afterwards.
const config = testConfig();
const credentials = await seedTestData(config);
const app = await startControl(config);
const bob = demoAgent(credentials, '1002');
const phone = sippAgent(config, '1002', bob.sipPassword, 15102);
t.teardown(async () => {
  killAllSipp();
  await phone.unregister();
  await app.close();
});
const health = async () => (await app.inject({ method: 'GET', url: '/healthz' })).json();
const repoRoot = fileURLToPath(new URL('..', import.meta.url));

t.test('health degrades while Asterisk is down and recovers when it returns', async (t) => {
  const before = await health();
  t.equal(before.dependencies.ari.status, 'up');
  const pid = Number(readFileSync(`${config.paths.state}/asterisk.pid`, 'utf8'));
  process.kill(pid, 'SIGKILL');
  const degraded = await waitFor('health to report ARI and AMI down', async () => {
    const h = await health();
    return h.dependencies.ari.status !== 'up' && h.dependencies.ami.status !== 'up' ? h : undefined;
  });
  t.equal(degraded.status, 'degraded');
  t.equal((await app.inject({ method: 'GET', url: '/healthz' })).statusCode, 503);
  t.match(degraded.dependencies, { redis: { status: 'up' }, postgres: { status: 'up' } }, 'the rest stays up');

  const restart = spawnSync('bash', ['scripts/stack.sh', 'up', config.instance], { cwd: repoRoot, encoding: 'utf8' });
  t.equal(restart.status, 0, 'Asterisk restarted');
  const recovered = await waitFor('ARI and AMI to reconnect by themselves', async () => {
    const h = await health();
    return h.status === 'ok' ? h : undefined;
  }, 60_000);
  t.ok(recovered.dependencies.ari.connects >= before.dependencies.ari.connects + 1, 'ARI reconnected');
  t.ok(recovered.dependencies.ami.connects >= before.dependencies.ami.connects + 1, 'AMI reconnected');
});

t.test('after the restart the Stasis app takes calls again', async (t) => {
  t.equal((await phone.register()).code, 0, 'agent re-registers');
  const token = await login(app, '1002', bob.password);
  const ready = await waitFor<{ state: string }>('agent 1002 to go Ready', async () => {
    const res = await app.inject({ method: 'POST', url: '/agents/1002/state', headers: { authorization: `Bearer ${token}` }, payload: { state: 'ready' } });
    return res.statusCode === 200 ? res.json() : undefined;
  });
  t.equal(ready.state, 'ready');
  // Asterisk busy starting up can read as an overloaded service for a moment, and a new caller then
  // hears busy by design (admission, load-shedding.ts): callers are let in again once it reads calm,
  // so a caller turned away busy calls again, as a person would, a few times at most.
  await waitFor('callers to be let in again', async () => ((await health()).admission.shedding ? undefined : true), 30_000);
  const agentLeg = phone.answer();
  const refusals: unknown[] = [];
  let callerResult = await sippCaller(config, '5550142').call('7000', 1500).done;
  while (callerResult.code !== 0 && callerResult.output.includes('486 Busy Here') && refusals.length < 10) {
    refusals.push((await health()).admission);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    callerResult = await sippCaller(config, '5550142').call('7000', 1500).done;
  }
  t.equal(callerResult.code, 0, 'caller answered and hung up', { output: callerResult.output, refusals });
  t.equal((await agentLeg.done).code, 0, 'the agent was rung, answered and released');
  const calls = (await app.inject({ method: 'GET', url: '/calls?state=ended', headers: { authorization: `Bearer ${token}` } })).json() as { agentId: string; outcome: string }[];
  t.ok(calls.some((c) => c.agentId === '1002' && c.outcome === 'answered'), 'the call was answered by agent 1002');
});
