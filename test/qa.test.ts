import t from 'tap';
import { randomUUID } from 'node:crypto';
import { demoAgent, login, openTestStack } from './helpers/stack.js';

// QA review on the real stack: the reviewer's random sample, marking a call on the weighted form,
// team scope, and the agent's QA figure. Recorded calls are written as the workers would leave them.
const { credentials, app, pool } = await openTestStack();
t.teardown(async () => {
  await pool.end();
  await app.close();
});
const admin = { authorization: `Bearer ${await login(app, 'admin', credentials.admin.password)}` };
const supervisor = { authorization: `Bearer ${await login(app, 'supervisor', credentials.supervisor.password)}` };
const alice = demoAgent(credentials, '1001');
const agent = { authorization: `Bearer ${await login(app, '1001', alice.password)}` };

async function recordedCall(agentId: string): Promise<string> {
  const id = randomUUID();
  await pool.query(
    `INSERT INTO calls (id, queue_id, customer_number, agent_id, enqueued_at, answered_at, ended_at, outcome, wait_secs, talk_secs, recording_id)
     VALUES ($1::uuid, 'general', '5550199', $2, now() - interval '1 hour', now() - interval '59 minutes', now() - interval '55 minutes', 'answered', 60, 240, $1::text)`,
    [id, agentId],
  );
  await pool.query(`INSERT INTO recordings (id, call_id, status, path, secs, started_at) VALUES ($1::uuid, $1::uuid, 'stored', $2, 240, now() - interval '59 minutes')`, [id, `/nowhere/${id}.wav`]);
  return id;
}

let frontCall = '';
let backCall = '';
t.before(async () => {
  await app.inject({ method: 'PUT', url: '/teams/back-office', headers: admin, payload: { name: 'Back office' } });
  await app.inject({ method: 'PUT', url: '/agents/2001', headers: admin, payload: { name: 'Back Agent', teamId: 'back-office', skills: [{ skillId: 'general', level: 5 }] } });
  frontCall = await recordedCall('1001');
  backCall = await recordedCall('2001');
});

t.test('forms: the demo form is there; a criterion twice is refused by name', async (t) => {
  const forms = (await app.inject({ method: 'GET', url: '/qa/forms', headers: supervisor })).json() as { id: string; criteria: unknown[] }[];
  t.ok(forms.some((f) => f.id === 'standard' && f.criteria.length === 5));
  const twice = await app.inject({ method: 'PUT', url: '/qa/forms/bad', headers: admin, payload: { name: 'Bad', criteria: [{ id: 'a', label: 'A', weight: 1 }, { id: 'a', label: 'A again', weight: 2 }] } });
  t.equal(twice.statusCode, 400);
  t.match(twice.json(), { message: /body\/criteria: a appears twice/ });
  t.equal((await app.inject({ method: 'PUT', url: '/qa/forms/bad', headers: supervisor, payload: { name: 'Mine', criteria: [{ id: 'a', label: 'A', weight: 1 }] } })).statusCode, 403, 'only admins change forms');
});

t.test("a supervisor's sample holds their team's unreviewed recorded calls only", async (t) => {
  const sample = (await app.inject({ method: 'GET', url: '/qa/sample?perAgent=50&days=7', headers: supervisor })).json() as { callId: string; agentId: string }[];
  t.ok(sample.some((c) => c.callId === frontCall), 'the front-line call is offered for review');
  t.notOk(sample.some((c) => c.callId === backCall), "another team's call is not");
  t.ok(sample.every((c) => c.agentId !== '2001'));
  const all = (await app.inject({ method: 'GET', url: '/qa/sample?perAgent=50&days=7', headers: admin })).json() as { callId: string }[];
  t.ok(all.some((c) => c.callId === backCall), 'an admin samples every team');
  t.equal((await app.inject({ method: 'GET', url: '/qa/sample', headers: agent })).statusCode, 403, 'agents do not review');
});

t.test('a review: every criterion marked 0–5, a weighted total, one per reviewer', async (t) => {
  const marks = { greeting: 5, understanding: 5, resolution: 5, tone: 5, 'wrap-up': 5 };
  const missing = await app.inject({ method: 'POST', url: `/calls/${frontCall}/qa`, headers: supervisor, payload: { formId: 'standard', scores: { greeting: 5 } } });
  t.equal(missing.statusCode, 400);
  t.match(missing.json(), { message: /scores\/understanding: missing/ });
  const outOfRange = await app.inject({ method: 'POST', url: `/calls/${frontCall}/qa`, headers: supervisor, payload: { formId: 'standard', scores: { ...marks, tone: 9 } } });
  t.equal(outOfRange.statusCode, 400, 'a mark above 5 is refused');
  const first = await app.inject({ method: 'POST', url: `/calls/${frontCall}/qa`, headers: supervisor, payload: { formId: 'standard', scores: marks, comment: 'textbook' } });
  t.equal(first.statusCode, 200, first.body);
  t.equal(first.json().total, 100);
  const again = await app.inject({ method: 'POST', url: `/calls/${frontCall}/qa`, headers: supervisor, payload: { formId: 'standard', scores: { ...marks, resolution: 0 }, comment: 'missed the refund' } });
  t.equal(again.json().total, 60, 'resolution weighs 40 of 100');
  const { rows } = await pool.query('SELECT total::float8 AS total FROM qa_reviews WHERE call_id = $1', [frontCall]);
  t.same(rows, [{ total: 60 }], 'the same reviewer replaces their review');
  t.equal((await app.inject({ method: 'POST', url: `/calls/${backCall}/qa`, headers: supervisor, payload: { formId: 'standard', scores: marks } })).statusCode, 404, "another team's call cannot be reviewed");
  const sample = (await app.inject({ method: 'GET', url: '/qa/sample?perAgent=50&days=7', headers: supervisor })).json() as { callId: string }[];
  t.notOk(sample.some((c) => c.callId === frontCall), 'a reviewed call leaves the sample');
});

t.test("the review feeds the agent's QA figure, which the agent sees for themselves only", async (t) => {
  const own = await app.inject({ method: 'GET', url: '/agents/1001/qa-score?days=7', headers: agent });
  t.equal(own.statusCode, 200);
  t.ok(own.json().reviews >= 1);
  t.equal((await app.inject({ method: 'GET', url: '/agents/1002/qa-score', headers: agent })).statusCode, 403);
  const reviews = (await app.inject({ method: 'GET', url: '/qa/reviews', headers: agent })).json() as { agentId: string; comment: string }[];
  t.ok(reviews.length >= 1 && reviews.every((r) => r.agentId === '1001'), 'an agent reads their own reviews');
});
