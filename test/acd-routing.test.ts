import t from 'tap';
import type { Queue } from '@hotline/contracts';
import { demoQueues } from '../services/control/src/demo/demo-config.js';
import { openCallFloor } from './helpers/call-floor.js';
import { sippCaller } from './helpers/sipp.js';
import { waitFor } from './helpers/wait.js';

// Skill-based routing on the real stack: SIPp callers and SIPp agents, decisions seen through the API.
const floor = await openCallFloor(15201);
const { config, app, pool, admin, phones, phone, calls, callFrom, agentState, allNotReady, storedCall } = floor;
t.teardown(() => floor.close());
/** Changes an agent's state, and fails the test at once when the API refuses. */
const setState = async (id: string, body: object) => {
  const res = await floor.changeState(id, body);
  if (res.statusCode !== 200) throw new Error(`agent ${id} → ${JSON.stringify(body)}: ${res.statusCode} ${res.body}`);
  return res.json() as { state: string; reason: string | null };
};
const putQueue = async (queue: Queue) => {
  const { id, ...body } = queue;
  const res = await app.inject({ method: 'PUT', url: `/queues/${id}`, headers: admin, payload: body });
  if (res.statusCode !== 200) throw new Error(`queue ${id}: ${res.statusCode} ${res.body}`);
};
const offeredTo = async (callId: string) =>
  (await pool.query<{ agent: string }>("SELECT data->>'agentId' AS agent FROM call_events WHERE call_id = $1 AND type = 'call.offered' ORDER BY at", [callId])).rows.map((r) => r.agent);

t.test('setup: short timers through the admin API, every agent softphone registered', async (t) => {
  // Short timers so the test does not wait on demo-sized ones; the admin API changes them live.
  // Surveys off: callers here hang up when released, they are not here to rate (survey.test.ts is).
  for (const queue of demoQueues) await putQueue({ ...queue, wrapupSecs: 0, ringTimeoutSecs: 5, announceIntervalSecs: 10, survey: { mode: 'off' } });
  for (const [id, p] of phones) t.equal((await p.register()).code, 0, `agent ${id} registers`);
});

t.test('a billing call reaches only the billing-skilled agent while an unqualified agent is Ready', async (t) => {
  await allNotReady();
  await setState('1002', { state: 'ready' }); // general only
  await setState('1004', { state: 'ready' }); // billing 9
  const billingAgent = phone('1004').answer();
  const caller = sippCaller(config, '5550201').call('7001', 1500);
  const answered = await callFrom('5550201', (c) => c.state === 'talking');
  t.equal(answered.agentId, '1004');
  t.equal((await caller.done).code, 0);
  t.equal((await billingAgent.done).code, 0);
  t.same(await offeredTo(answered.id), ['1004'], 'agent 1002 was never offered the call');
  t.equal((await agentState('1002')).state, 'ready', 'the unqualified agent is still waiting');
});

t.test('of two qualified Ready agents the longest idle gets the call', async (t) => {
  await allNotReady();
  await setState('1003', { state: 'ready' });
  await new Promise((r) => setTimeout(r, 200));
  await setState('1001', { state: 'ready' });
  const carol = phone('1003').answer();
  const caller = sippCaller(config, '5550202').call('7000', 1500);
  const answered = await callFrom('5550202', (c) => c.state === 'talking');
  t.equal(answered.agentId, '1003', 'agent 1003 has been Ready longer');
  await caller.done;
  await carol.done;
  t.same(await offeredTo(answered.id), ['1003']);
});

t.test('a VIP caller who queued after a normal caller is answered first', async (t) => {
  await allNotReady();
  const general = demoQueues.find((q) => q.id === 'general');
  if (!general) throw new Error('demo queue general missing');
  // A wrap-up keeps the agent from taking the normal caller straight after the VIP.
  await putQueue({ ...general, wrapupSecs: 30, ringTimeoutSecs: 5, announceIntervalSecs: 10, survey: { mode: 'off' } });
  t.teardown(() => putQueue({ ...general, wrapupSecs: 0, ringTimeoutSecs: 5, announceIntervalSecs: 10, survey: { mode: 'off' } }));
  const imported = await app.inject({
    method: 'POST',
    url: '/customers/import',
    headers: { ...admin, 'content-type': 'text/csv' },
    payload: 'number,name,tier\n5550203,Ordinary Customer,standard\n5550204,Very Important,vip\n',
  });
  t.equal(imported.statusCode, 200);
  const normal = sippCaller(config, '5550203').call('7000', 6000);
  const normalCall = await callFrom('5550203');
  const vip = sippCaller(config, '5550204').callUntilHangup('7000');
  const vipCall = await callFrom('5550204');
  const alice = phone('1001').answerThenHangUp(1000);
  await setState('1001', { state: 'ready' });
  const ours = [normalCall.id, vipCall.id];
  const first = await waitFor('an agent to answer', async () =>
    (await calls()).find((c) => ours.includes(c.id) && (c.state === 'talking' || c.outcome === 'answered')));
  t.equal(first.id, vipCall.id, 'the VIP call was answered first');
  t.equal((await alice.done).code, 0);
  t.equal((await vip.done).code, 0);
  const stillWaiting = (await calls()).find((c) => c.id === normalCall.id);
  t.ok(stillWaiting && ['greeting', 'waiting'].includes(stillWaiting.state) && stillWaiting.agentId === null, 'the normal caller is still waiting');
  await setState('1001', { state: 'not-ready', reason: 'break' });
  await normal.done;
  t.equal((await storedCall(normalCall.id)).outcome, 'abandoned');
});

t.test('ring-no-answer puts the call back and the agent Not ready', async (t) => {
  await allNotReady();
  const general = demoQueues.find((q) => q.id === 'general');
  if (!general) throw new Error('demo queue general missing');
  // An announcement falls due while the agent rings (every 10 s against a 15 s ring timeout).
  await putQueue({ ...general, wrapupSecs: 0, ringTimeoutSecs: 15, announceIntervalSecs: 10, survey: { mode: 'off' } });
  t.teardown(() => putQueue({ ...general, wrapupSecs: 0, ringTimeoutSecs: 5, announceIntervalSecs: 10, survey: { mode: 'off' } }));
  const deaf = phone('1002').ignore();
  await setState('1002', { state: 'ready' });
  const caller = sippCaller(config, '5550205').callUntilHangup('7000');
  const ringing = await callFrom('5550205', (c) => c.state === 'ringing');
  t.equal(ringing.agentId, '1002');
  const back = await callFrom('5550205', (c) => c.state === 'waiting');
  t.equal(back.agentId, null, 'after the ring timeout the call waits again');
  t.match(await agentState('1002'), { state: 'not-ready', reason: 'missed call' });
  t.equal((await deaf.done).code, 0, "the agent's ringing leg was cancelled");
  // An announcement fell due while the agent rang: the caller back in line hears them again.
  const announcements = async () => Number((await pool.query("SELECT count(*) FROM call_events WHERE call_id = $1 AND type = 'call.announced'", [ringing.id])).rows[0].count);
  const before = await announcements();
  await waitFor('a position announcement after the missed offer', async () => ((await announcements()) > before ? true : undefined), 20_000);
  t.pass('the caller back in line hears their place again');
  const dave = phone('1001').answerThenHangUp(500);
  await setState('1001', { state: 'ready' });
  const answered = await callFrom('5550205', (c) => c.state === 'talking' || c.outcome === 'answered');
  t.equal(answered.agentId, '1001', 'the call is answered by the next Ready agent');
  await dave.done;
  await caller.done;
  t.same(await offeredTo(ringing.id), ['1002', '1001']);
});

t.test('a caller hanging up while waiting is an abandoned call with its wait', async (t) => {
  await allNotReady();
  const caller = sippCaller(config, '5550206').call('7000', 3000);
  const waiting = await callFrom('5550206');
  t.equal((await caller.done).code, 0);
  const row = await storedCall(waiting.id);
  t.equal(row.outcome, 'abandoned');
  t.equal(row.agentId, null);
  t.ok(row.waitSecs !== null && row.waitSecs >= 2.5 && row.waitSecs < 4.5, `waited ${row.waitSecs}s`);
});

t.test('why a caller is still waiting, and why the agent who got the call did', async (t) => {
  await allNotReady();
  await setState('1001', { state: 'not-ready', reason: 'lunch' });
  await setState('1002', { state: 'not-ready', reason: 'break' });
  await setState('1003', { state: 'not-ready', reason: 'training' });
  const caller = sippCaller(config, '5550330').callUntilHangup('7000');
  const waiting = await callFrom('5550330', (c) => c.state === 'waiting');
  const routing = async () => (await app.inject({ method: 'GET', url: `/calls/${waiting.id}/routing`, headers: admin })).json() as {
    now: { candidates: unknown[]; skipped: { agentId: string; reason: object }[]; thresholds: unknown[] } | null;
    offers: { agentId: string; routing: Record<string, unknown> | null }[];
  };
  const why = await routing();
  t.same(why.now?.candidates, [], 'nobody can take it');
  t.same(why.now?.thresholds, [{ skill: 'general', minLevel: 1 }]);
  t.match(Object.fromEntries((why.now?.skipped ?? []).map((s) => [s.agentId, s.reason])), {
    1001: { kind: 'not-ready', reason: 'lunch' },
    1002: { kind: 'not-ready', reason: 'break' },
    1003: { kind: 'not-ready', reason: 'training' },
    1004: { kind: 'skill-below-threshold', skill: 'general', level: 0, required: 1 },
  });
  t.same(why.offers, []);

  const answering = phone('1002').answer();
  await setState('1002', { state: 'ready' });
  const talking = await callFrom('5550330', (c) => c.state === 'talking');
  t.equal(talking.agentId, '1002');
  const after = await waitFor('the offer in the call timeline', async () => {
    const body = await routing();
    return body.offers.length > 0 ? body : undefined;
  });
  t.equal(after.now, null, 'answered: no longer in the router');
  t.match(after.offers, [{ agentId: '1002', routing: { offeredTo: '1002', candidates: [] } }]);
  const atOffer = (after.offers[0]?.routing?.skipped ?? []) as { agentId: string; reason: object }[];
  t.match(Object.fromEntries(atOffer.map((s) => [s.agentId, s.reason])), {
    1001: { kind: 'not-ready', reason: 'lunch' },
    1003: { kind: 'not-ready', reason: 'training' },
    1004: { kind: 'skill-below-threshold', skill: 'general' },
  }, 'the others, as they stood when 1002 was picked');
  t.notOk(atOffer.some((s) => s.agentId === '1002'), 'the chosen agent is not among the skipped');
  t.equal((await app.inject({ method: 'GET', url: '/calls/00000000-0000-4000-8000-000000000000/routing', headers: admin })).statusCode, 404);
  t.equal((await app.inject({ method: 'DELETE', url: `/calls/${waiting.id}`, headers: admin })).statusCode, 200);
  t.equal((await caller.done).code, 0);
  await answering.done;
});

t.test('callers arriving together are each taken into the queue and recorded once', async (t) => {
  // Each arrival is answered and greeted before it joins the router, and meanwhile the others move
  // the router's clock on: none may be refused for arriving "in the past".
  await allNotReady();
  const since = new Date();
  const numbers = Array.from({ length: 8 }, (_, i) => `555031${i}`);
  const callers = numbers.map((number) => sippCaller(config, number).call('7000', 4000));
  const waiting = await Promise.all(numbers.map((number) => callFrom(number)));
  t.equal(new Set(waiting.map((c) => c.id)).size, numbers.length, 'every caller is a call of its own');
  t.same((await Promise.all(callers.map((c) => c.done))).map((r) => r.code), numbers.map(() => 0));
  for (const call of waiting) {
    const row = await storedCall(call.id);
    t.equal(row.outcome, 'abandoned', `${call.customerNumber} recorded as abandoned`);
  }
  const { rows } = await pool.query<{ n: string }>('SELECT count(*) AS n FROM calls WHERE customer_number = ANY($1) AND enqueued_at >= $2', [numbers, since]);
  t.equal(Number(rows[0]?.n), numbers.length, 'one record per caller');
});

t.test('a call past its queue’s max wait overflows to the configured queue', async (t) => {
  await allNotReady();
  const general = demoQueues.find((q) => q.id === 'general');
  if (!general) throw new Error('demo queue general missing');
  await putQueue({
    ...general,
    id: 'specialists',
    name: 'Specialists',
    number: '7009',
    skills: [{ skillId: 'tech', minLevel: 10 }], // nobody is this good
    maxWaitSecs: 10,
    overflow: { kind: 'queue', queueId: 'general' },
    survey: { mode: 'off' },
  });
  const alice = phone('1001').answerThenHangUp(500);
  await setState('1001', { state: 'ready' });
  const caller = sippCaller(config, '5550207').callUntilHangup('7009');
  const waiting = await callFrom('5550207');
  t.equal(waiting.queueId, 'specialists');
  const answered = await callFrom('5550207', (c) => c.state === 'talking' || c.outcome === 'answered');
  t.match(answered, { queueId: 'general', agentId: '1001' }, 'overflowed into general and answered there');
  await alice.done;
  await caller.done;
  const row = await storedCall(waiting.id);
  t.match(row, { queueId: 'general', outcome: 'answered' });
  const { rows } = await pool.query("SELECT data FROM call_events WHERE call_id = $1 AND type = 'call.overflowed'", [waiting.id]);
  t.match(rows[0]?.data, { fromQueueId: 'specialists', target: { kind: 'queue', queueId: 'general' } }, 'the overflow is in the timeline');
});

t.test('a waiting caller hears their position and the estimated wait', async (t) => {
  await allNotReady();
  const started: { playbackId: string; mediaUri: string }[] = [];
  const listener = (e: { playbackId: string; mediaUri: string }) => started.push(e);
  app.ari.on('playbackStarted', listener);
  t.teardown(() => void app.ari.off('playbackStarted', listener));
  const first = sippCaller(config, '5550208').call('7000', 12_000);
  const firstCall = await callFrom('5550208');
  const second = sippCaller(config, '5550209').call('7000', 12_000);
  const secondCall = await callFrom('5550209');
  const announced = await waitFor('the second caller’s position announcement', async () =>
    started.find((e) => e.playbackId.startsWith(`${secondCall.id}.announcement`)), 20_000);
  t.equal(announced.mediaUri, 'sound:queue-thereare', 'the second caller is told "you are currently caller number" …');
  t.ok(started.some((e) => e.playbackId.startsWith(`${firstCall.id}.announcement`) && e.mediaUri === 'sound:queue-youarenext'), 'the first caller is told they are next');
  const logged = await waitFor('the announcement in the call timeline', async () =>
    (await pool.query<{ data: object }>("SELECT data FROM call_events WHERE call_id = $1 AND type = 'call.announced' ORDER BY at", [secondCall.id])).rows[0]?.data);
  t.match(logged, { position: 2, estimateSecs: null }, 'kept with the call: place 2, and no estimate while nobody eligible is working');
  await first.done;
  await second.done;
});

t.test('a caller told an estimate while an agent is busy has it judged against the wait that followed', async (t) => {
  await allNotReady();
  const from = new Date().toISOString();
  const busy = phone('1002').answerThenHangUp(20_000);
  await setState('1002', { state: 'ready' });
  const talking = sippCaller(config, '5550210').callUntilHangup('7000');
  await callFrom('5550210', (c) => c.state === 'talking');
  const ahead = sippCaller(config, '5550211').callUntilHangup('7000');
  await callFrom('5550211');
  const behind = sippCaller(config, '5550212').callUntilHangup('7000');
  const waiting = await callFrom('5550212');
  const estimate = await waitFor('an estimate for the caller in second place', async () =>
    (await pool.query<{ data: { position: number; estimateSecs: number | null } }>(
      "SELECT data FROM call_events WHERE call_id = $1 AND type = 'call.announced' ORDER BY at", [waiting.id])).rows.find((r) => r.data.estimateSecs !== null)?.data, 20_000);
  t.equal(estimate.position, 2);
  t.ok(estimate.estimateSecs !== null && estimate.estimateSecs > 0, 'an agent who can take the caller is working: an honest estimate is spoken');
  const agents = [phone('1001').answerThenHangUp(2_000), phone('1003').answerThenHangUp(2_000)];
  await setState('1001', { state: 'ready' });
  await setState('1003', { state: 'ready' });
  for (const run of [busy, ...agents, talking, ahead, behind]) t.equal((await run.done).code, 0);
  const row = await storedCall(waiting.id);
  t.ok(row.estimates >= 1, 'the estimates heard are kept with the call');
  t.ok(Number.isFinite(row.estimateErrorSecs) && row.estimateErrorSecs >= 0, 'with their error against the actual wait');
  const report = await app.inject({ method: 'GET', url: `/reports/kpi?from=${encodeURIComponent(from)}&to=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}&queueId=general`, headers: admin });
  const figures = (report.json() as { rows: { figures: { estimateErrorSeconds: number | null } }[] }).rows[0]?.figures;
  t.equal(figures?.estimateErrorSeconds, row.estimateErrorSecs / row.estimates, 'the estimate-accuracy KPI is the mean absolute error of what callers heard');
});
