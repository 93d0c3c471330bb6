import { performance } from 'node:perf_hooks';
import t from 'tap';
import { openTestStack } from './helpers/stack.js';
import { killAllSipp, sippCaller } from './helpers/sipp.js';
import { waitFor } from './helpers/wait.js';
import { inProcessWorkers } from './helpers/workers.js';

// A service far behind refuses new callers as busy in Asterisk's dialplan, records each refusal,
// and lets callers in again once it has caught up. The control service runs in this process, so
// keeping this process's event loop busy is the service falling behind.
const { config, app, pool } = await openTestStack();
const workers = inProcessWorkers(config, pool, ['call-events']);
t.teardown(async () => {
  killAllSipp();
  await workers.close();
  await pool.end();
  await app.close();
});

// Numbers of this run only: the test stack's database outlives a run.
const refusedNumber = `5558${String(Date.now()).slice(-6)}`;
const takenNumber = `5559${String(Date.now()).slice(-6)}`;
const admission = async () => (await app.inject({ method: 'GET', url: '/healthz' })).json().admission as { shedding: boolean; reason?: { signal: string } };
const callsFrom = (number: string) =>
  pool.query<{ outcome: string | null; agent_id: string | null; answered_at: Date | null }>('SELECT outcome, agent_id, answered_at FROM calls WHERE customer_number = $1', [number]);

/** Keeps the event loop late by ~300 ms at every turn, as a saturated service is, until stopped. */
function fallBehind(): () => Promise<void> {
  let running = true;
  const spells = (async () => {
    while (running) {
      const until = performance.now() + 300;
      while (performance.now() < until) Math.sqrt(until);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  })();
  return async () => {
    running = false;
    await spells;
  };
}

t.test('a caller arriving while the service is behind hears busy at once, and has a record', async (t) => {
  t.same(await admission(), { shedding: false }, 'callers let in while the service keeps up');
  const catchUp = fallBehind();
  let refused;
  try {
    await waitFor('the service to shed load', async () => ((await admission()).shedding ? true : undefined), 15_000);
    t.match((await admission()).reason, { signal: 'eventLoopLagMs' }, 'the lagging event loop is the reason given');
    refused = await sippCaller(config, refusedNumber).refusedBusy('7000').done;
  } finally {
    await catchUp();
  }
  t.equal(refused.code, 0, 'the INVITE got 486 Busy Here, never an answer');
  const rows = await waitFor('the refusal stored', async () => {
    const { rows } = await callsFrom(refusedNumber);
    return rows.length > 0 && rows[0]!.outcome ? rows : undefined;
  });
  t.equal(rows.length, 1, 'exactly one record');
  t.match(rows[0], { outcome: 'overflowed', agent_id: null, answered_at: null }, 'refused: overflowed to busy, never answered');
  const timeline = await pool.query<{ type: string; target: unknown }>(
    "SELECT type, data->'target' AS target FROM call_events WHERE call_id = (SELECT id FROM calls WHERE customer_number = $1)",
    [refusedNumber],
  );
  t.same(timeline.rows.map((r) => r.type).sort(), ['call.ended', 'call.enqueued', 'call.overflowed'], 'its timeline: arrived, refused, ended');
  t.same(timeline.rows.find((r) => r.type === 'call.overflowed')?.target, { kind: 'busy' }, 'refused as busy');
});

t.test('caught up: callers are let in again', async (t) => {
  await waitFor('the service to take callers again', async () => ((await admission()).shedding ? undefined : true), 15_000);
  const result = await sippCaller(config, takenNumber).call('7000', 1000).done;
  t.equal(result.code, 0, 'the caller is answered (by the greeting)');
  const { rows } = await waitFor('the call stored', async () => {
    const found = await callsFrom(takenNumber);
    return found.rows[0]?.outcome ? found : undefined;
  });
  t.not(rows[0]?.outcome, 'overflowed', 'taken, not refused');
});
