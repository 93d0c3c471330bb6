import t from 'tap';
import { demoAgent, login, openTestStack } from './helpers/stack.js';
import { killAllSipp, sippAgent, sippCustomerPhone } from './helpers/sipp.js';
import { waitFor } from './helpers/wait.js';
import { inProcessWorkers } from './helpers/workers.js';

// Click-to-dial on the real stack: Bob's SIPp phone rings first, then a SIPp phone behind the
// outbound trunk rings with the queue's number as caller id; they talk, the call is recorded and
// stored as outbound. A number outside the plan, or a call for someone else's agent, is refused
// before Asterisk is asked for anything.
const { config, credentials, app, pool } = await openTestStack();
const workers = inProcessWorkers(config, pool, ['call-events', 'recordings']);
const bob = demoAgent(credentials, '1002');
const bobPhone = sippAgent(config, '1002', bob.sipPassword, 15871);
const customer = sippCustomerPhone(config);
const bobAuth = { authorization: `Bearer ${await login(app, '1002', bob.password)}` };
const aliceAuth = { authorization: `Bearer ${await login(app, '1001', demoAgent(credentials, '1001').password)}` };
const supervisor = { authorization: `Bearer ${await login(app, 'supervisor', credentials.supervisor.password)}` };
t.teardown(async () => {
  killAllSipp();
  await app.inject({ method: 'POST', url: '/agents/1002/state', headers: bobAuth, payload: { state: 'logged-out' } });
  await bobPhone.unregister();
  await workers.close();
  await pool.end();
  await app.close();
});

const run = String(Date.now()).slice(-5);
const dial = (headers: Record<string, string>, number: string, agentId = '1002', queueId = 'general') =>
  app.inject({ method: 'POST', url: `/agents/${agentId}/dial`, headers, payload: { number, queueId } });
const channelsNow = async () => (await app.ari.listChannels()).length;

t.test('refused before anything is dialled: outside the plan, bad input, someone else\'s agent, an agent who cannot take it', async (t) => {
  const before = await channelsNow();
  const international = await dial(bobAuth, `00852${run}678`);
  t.equal(international.statusCode, 403);
  t.match(international.json().message, /^body\/number: 00852[0-9]+ is outside the number plan \(mobile, landline, demo customers\)$/);
  t.match((await dial(bobAuth, '+8613812345678')).json(), { statusCode: 400, message: /number/ }, 'digits only');
  t.match((await dial(bobAuth, '5550100', '1002', 'nowhere')).json(), { statusCode: 400, message: 'body/queueId: no queue nowhere' });
  t.equal((await dial(aliceAuth, `55${run}1`)).statusCode, 403, "an agent places calls for themselves only");
  t.match((await dial(bobAuth, `55${run}1`)).json(), { statusCode: 409, message: /cannot place a call now \(LoggedOut/ }, 'a logged-out agent cannot');
  t.equal(await channelsNow(), before, 'no channel was created for any of them');
  const { rows } = await pool.query<{ action: string }>('SELECT action FROM audit_log WHERE subject = $1 ORDER BY id', [`00852${run}678`]);
  t.same(rows.map((r) => r.action), ['call.dial-refused'], 'the refusal is audited');
});

t.test("the agent's phone rings first, then the customer's showing the queue number; they talk, recorded, stored as outbound", async (t) => {
  const number = `55${run}2`;
  t.equal((await bobPhone.register()).code, 0);
  t.equal((await app.inject({ method: 'POST', url: '/agents/1002/state', headers: bobAuth, payload: { state: 'not-ready', reason: 'other' } })).statusCode, 200);
  // Bob answers his own phone at once and hangs up after the customer has rung 1.5 s and talked about 4 s.
  const bobTalks = bobPhone.answerThenHangUp(7_000);
  const customerPhone = customer.answers(number, 1_500, '7000');
  const placed = await dial(supervisor, number);
  t.equal(placed.statusCode, 202, 'a supervisor may place a call for an agent of their team');
  const { callId } = placed.json() as { callId: string };

  const agentView = async () => (await app.inject({ method: 'GET', url: '/agents/1002', headers: supervisor })).json() as { state: string };
  t.not((await agentView()).state, 'ready', 'Bob is held for the call, not offered queue calls');
  const bobSide = await bobTalks.done;
  t.equal(bobSide.code, 0, "Bob's phone rang, he answered, talked and hung up", { output: bobSide.output });
  const customerSide = await customerPhone.done;
  t.equal(customerSide.code, 0, 'the customer phone was rung for the number, showing 7000, answered and released', { output: customerSide.output });

  const row = await waitFor('the outbound record', async () => {
    const { rows } = await pool.query<{ outcome: string | null; outbound_status: string; agent_id: string; customer_number: string; queue_id: string; talk_secs: string; hangup_by: string; recording_id: string | null }>(
      'SELECT outcome, outbound_status, agent_id, customer_number, queue_id, talk_secs, hangup_by, recording_id FROM calls WHERE id = $1', [callId]);
    return rows[0]?.outcome && rows[0].recording_id ? rows[0] : undefined;
  }, 20_000);
  t.match(row, { outcome: 'outbound', outbound_status: 'answered', agent_id: '1002', customer_number: number, queue_id: 'general', hangup_by: 'agent' });
  t.ok(Number(row.talk_secs) > 2 && Number(row.talk_secs) < 8, `talked about 4 s (${row.talk_secs})`);
  const recording = await waitFor('the recording stored', async () => {
    const { rows } = await pool.query<{ status: string; secs: string }>('SELECT status, secs FROM recordings WHERE call_id = $1', [callId]);
    return rows[0]?.status === 'stored' ? rows[0] : undefined;
  }, 20_000);
  t.ok(Number(recording.secs) > 2, `recorded under the queue's policy (${recording.secs} s)`);
  const { rows: events } = await pool.query<{ type: string }>('SELECT type FROM call_events WHERE call_id = $1 ORDER BY at, id', [callId]);
  t.same(events.map((e) => e.type).filter((type) => type !== 'call.recorded'), ['call.dialing', 'call.answered', 'call.ended']);
  const { rows: audit } = await pool.query<{ actor: string; data: { agentId: string; rule: string } }>("SELECT actor, data FROM audit_log WHERE action = 'call.dial' AND subject = $1", [number]);
  t.match(audit, [{ actor: 'supervisor', data: { agentId: '1002', rule: 'demo customers' } }]);

  const report = await app.inject({ method: 'GET', url: `/reports/kpi?from=${new Date(Date.now() - 3_600_000).toISOString()}&to=${new Date(Date.now() + 60_000).toISOString()}&groupBy=agent`, headers: supervisor });
  const bobRow = (report.json() as { rows: { group: string | null; figures: { outboundCalls: number; outboundConnected: number } }[] }).rows.find((r) => r.group === '1002');
  t.ok(bobRow && bobRow.figures.outboundCalls >= 1 && bobRow.figures.outboundConnected >= 1, 'reported as outbound');
});

t.test('a busy customer: the attempt is stored as busy, and the agent is free again after wrap-up', async (t) => {
  const number = `55${run}3`;
  const agentState = async () => ((await app.inject({ method: 'GET', url: '/agents/1002', headers: supervisor })).json() as { state: string }).state;
  await waitFor('Bob out of wrap-up', async () => ((await agentState()) === 'wrap-up' ? undefined : true), 20_000);
  const bobAnswers = bobPhone.answer();
  const busyPhone = customer.busy();
  const placed = await dial(bobAuth, number);
  t.equal(placed.statusCode, 202);
  const { callId } = placed.json() as { callId: string };
  t.equal((await busyPhone.done).code, 0, 'the customer phone refused it busy');
  const row = await waitFor('the busy record', async () => {
    const { rows } = await pool.query<{ outcome: string | null; outbound_status: string | null }>('SELECT outcome, outbound_status FROM calls WHERE id = $1', [callId]);
    return rows[0]?.outcome ? rows[0] : undefined;
  });
  t.same(row, { outcome: 'outbound', outbound_status: 'busy' });
  bobAnswers.kill();
});
