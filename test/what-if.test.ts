import { randomUUID } from 'node:crypto';
import t from 'tap';
import { inTransaction } from '@hotline/db';
import { demoAgent, login, openTestStack } from './helpers/stack.js';

// POST /what-if over a day seeded into PostgreSQL for the demo queue "general" (wrap-up 10 s) and
// agents 1001 and 1002, on a date nothing else writes. Each answered call rings 2 s, talks 60 s
// and wraps up 10 s, so an agent is busy 72 s a call. Times are seconds after 09:00 UTC:
//   c1 10 s → 1001, wait 2 | c2 20 s → 1002, wait 2 | c3 30 s waits for 1001 (free at 82), wait 54
//   c4 40 s gives up after 30 s | c5 50 s waits for 1002 (free at 92), wait 44 | c6 200 s → wait 2
// ⇒ SL (20 s, of 6 offered) 3/6, ASA (2 + 2 + 54 + 44 + 2) / 5 = 20.8 s, abandon rate 1/6.
const DAY = '2002-06-07';
const at = (secs: number) => Date.parse(`${DAY}T09:00:00Z`) + secs * 1000;
const QUEUE = 'general';
const A = '1001';
const B = '1002';

interface Answered { agentId: string; arrives: number; offered: number }
const ANSWERED: Answered[] = [
  { agentId: A, arrives: 10, offered: 10 },
  { agentId: B, arrives: 20, offered: 20 },
  { agentId: A, arrives: 30, offered: 82 },
  { agentId: B, arrives: 50, offered: 92 },
  { agentId: A, arrives: 200, offered: 200 },
];
const RING = 2;
const TALK = 60;
const WRAP_UP = 10;

/** Each agent's states: logged out until 09:00, Ready, then offer, talk and wrap-up per call, logged out at 10:00. */
function timeline(agentId: string): [string, number, number][] {
  const states: [string, number, number][] = [['LoggedOut', -3600, 0]];
  let readySince = 0;
  for (const { offered } of ANSWERED.filter((call) => call.agentId === agentId)) {
    // A call waiting for the agent is offered the moment its wrap-up ends: no Ready in between.
    if (readySince < offered) states.push(['Ready', readySince, offered]);
    states.push(['Reserved', offered, offered + RING], ['OnCall', offered + RING, offered + RING + TALK]);
    readySince = offered + RING + TALK + WRAP_UP;
    states.push(['WrapUp', offered + RING + TALK, readySince]);
  }
  states.push(['Ready', readySince, 3600], ['LoggedOut', 3600, 7200]);
  return states;
}

const { credentials, app, pool } = await openTestStack();
const callIds: string[] = [];
await inTransaction(pool, async (client) => {
  const insert = (values: unknown[]) =>
    client.query(
      `INSERT INTO calls (id, queue_id, customer_tier, agent_id, enqueued_at, answered_at, ended_at, outcome, wait_secs, ring_secs, talk_secs, wrapup_secs, hangup_by)
       VALUES ($1, $2, 'standard', $3, $4, $5, $6, $7, $8, $9, $10, $11, 'caller')`,
      values,
    );
  for (const call of ANSWERED) {
    const id = randomUUID();
    callIds.push(id);
    const answered = call.offered + RING;
    await insert([id, QUEUE, call.agentId, new Date(at(call.arrives)), new Date(at(answered)), new Date(at(answered + TALK)), 'answered', answered - call.arrives, RING, TALK, WRAP_UP]);
  }
  const abandoned = randomUUID();
  callIds.push(abandoned);
  await insert([abandoned, QUEUE, null, new Date(at(40)), null, new Date(at(70)), 'abandoned', 30, null, null, null]);
  for (const agentId of [A, B]) {
    for (const [state, from, to] of timeline(agentId)) {
      await client.query('INSERT INTO agent_state_intervals (agent_id, state, started_at, ended_at) VALUES ($1, $2, $3, $4)', [agentId, state, new Date(at(from)), new Date(at(to))]);
    }
  }
});
t.teardown(async () => {
  await pool.query('DELETE FROM calls WHERE id = ANY($1)', [callIds]);
  await pool.query('DELETE FROM agent_state_intervals WHERE agent_id = ANY($1) AND started_at >= $2 AND started_at < $3', [[A, B], new Date(at(-3600)), new Date(at(7200))]);
  await pool.end();
  await app.close();
});

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const supervisor = bearer(await login(app, 'supervisor', credentials.supervisor.password));
const agent = bearer(await login(app, A, demoAgent(credentials, A).password));
const whatIf = (payload: object, headers: Record<string, string> = supervisor) => app.inject({ method: 'POST', url: '/what-if', payload, headers });

interface Figures { offered: number; serviceLevel: number | null; asaSeconds: number | null; abandonRate: number | null; occupancy: number | null }
interface Answer {
  queueIds: string[];
  actual: { overall: Figures };
  replayedUnchanged: { overall: Figures };
  predicted: { overall: Figures };
  validation: { withinTolerance: boolean; overall: { serviceLevelPoints: number; asaSeconds: number; abandonRatePoints: number } };
  assumptions: string[];
}
const answer = async (payload: object) => {
  const res = await whatIf(payload);
  if (res.statusCode !== 200) throw new Error(`POST /what-if: ${res.statusCode} ${res.body}`);
  return res.json() as Answer;
};

t.test('only supervisors and admins may run a what-if', async (t) => {
  t.equal((await app.inject({ method: 'POST', url: '/what-if', payload: { day: DAY } })).statusCode, 401);
  t.equal((await whatIf({ day: DAY }, agent)).statusCode, 403);
});

t.test('a bad request is refused, naming the field', async (t) => {
  const refused = async (payload: object, field: string) => {
    const res = await whatIf(payload);
    t.equal(res.statusCode, 400, field);
    t.match((res.json() as { message: string }).message, field);
  };
  await refused({}, 'body/day');
  await refused({ day: DAY, from: `${DAY}T00:00:00Z` }, 'body/day');
  await refused({ from: `${DAY}T10:00:00Z`, to: `${DAY}T09:00:00Z` }, 'body/from');
  await refused({ day: DAY, queueIds: ['no-such-queue'] }, 'body/queueIds/0');
  await refused({ day: DAY, changes: { queues: [{ queueId: 'no-such-queue', wrapupSecs: 5 }] } }, 'body/changes/queues/0/queueId');
  await refused({ day: DAY, changes: { queues: [{ queueId: QUEUE, wrapupSecs: -1 }] } }, 'wrapupSecs');
  await refused({ day: DAY, changes: { removeAgents: ['4242'] } }, 'body/changes/removeAgents/0');
  await refused({ day: DAY, changes: { addAgents: [{ id: '1009', skills: [{ skillId: 'juggling', level: 3 }] }] } }, 'body/changes/addAgents/0/skills/0/skillId');
  await refused({ day: DAY, changes: { addAgents: [{ id: '1009', skills: [], copyTimelineOf: '4242' }] } }, 'body/changes/addAgents/0/copyTimelineOf');
  await refused({ day: DAY, changes: { wrapUp: 5 } }, 'body/changes');
  const unknownVersion = await whatIf({ day: DAY, definitionVersion: 999 });
  t.equal(unknownVersion.statusCode, 404);
  t.match((unknownVersion.json() as { message: string }).message, 'body/definitionVersion');
});

t.test('the seeded day replayed unchanged reproduces its recorded figures', async (t) => {
  const result = await answer({ from: `${DAY}T08:00:00Z`, to: `${DAY}T12:00:00Z`, queueIds: [QUEUE], definitionVersion: 1 });
  const { actual, replayedUnchanged, predicted, validation } = result;
  t.equal(actual.overall.offered, 6);
  t.equal(actual.overall.serviceLevel, 3 / 6);
  t.equal(actual.overall.asaSeconds, 20.8);
  t.equal(actual.overall.abandonRate, 1 / 6);
  t.ok(validation.withinTolerance);
  t.same([replayedUnchanged.overall.serviceLevel, replayedUnchanged.overall.asaSeconds, replayedUnchanged.overall.abandonRate], [3 / 6, 20.8, 1 / 6]);
  t.same(predicted, replayedUnchanged, 'no changes: the prediction is the unchanged replay');
  t.ok(result.assumptions.length > 0);

  // The recorded side is the KPI report's own figures for the same period and queue.
  const report = await app.inject({ method: 'GET', url: `/reports/kpi?from=${DAY}T00:00:00Z&to=2002-06-08T00:00:00Z&queueId=${QUEUE}&groupBy=queue`, headers: supervisor });
  const row = (report.json() as { rows: { figures: Figures }[] }).rows[0];
  t.same([row?.figures.serviceLevel, row?.figures.asaSeconds, row?.figures.abandonRate], [actual.overall.serviceLevel, actual.overall.asaSeconds, actual.overall.abandonRate]);
});

t.test('changed staffing and rules move the prediction the right way', async (t) => {
  // 1001 alone: c2 waits until 82, c3 until 154, c4 gives up, c5 waits until 226 … every figure worsens.
  const fewer = (await answer({ day: DAY, changes: { removeAgents: [B] } })).predicted.overall;
  t.ok((fewer.serviceLevel ?? 1) < 0.5, `SL ${fewer.serviceLevel} below the recorded 50 %`);
  t.ok((fewer.asaSeconds ?? 0) > 20.8, `ASA ${fewer.asaSeconds} above the recorded 20.8 s`);
  const longerWrapUp = (await answer({ day: DAY, changes: { queues: [{ queueId: QUEUE, wrapupSecs: 40 }] } })).predicted.overall;
  t.ok((longerWrapUp.asaSeconds ?? 0) > 20.8, `wrap-up 40 s: ASA ${longerWrapUp.asaSeconds} above 20.8 s`);
  const more = (await answer({ day: DAY, changes: { addAgents: [{ id: '1009', skills: [{ skillId: 'general', level: 5 }], copyTimelineOf: A }] } })).predicted.overall;
  t.ok((more.serviceLevel ?? 0) > 0.5 && (more.asaSeconds ?? Infinity) < 20.8, `a third agent: SL ${more.serviceLevel}, ASA ${more.asaSeconds}`);
  t.equal(more.abandonRate, 1 / 6, 'c4 still finds all three busy and gives up after 30 s');
});
