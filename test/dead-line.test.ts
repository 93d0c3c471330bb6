import t from 'tap';
import { demoAgent, login, openTestStack } from './helpers/stack.js';
import { killAllSipp, sippAgent, sippCaller } from './helpers/sipp.js';
import { waitFor } from './helpers/wait.js';
import { inProcessWorkers } from './helpers/workers.js';
import { demoQueues } from '../services/control/src/demo/demo-config.js';

// An agent's phone vanishes mid-call (crashed, unplugged): no BYE, no more audio. Asterisk gives a
// line without audio up after the endpoint's rtp_timeout (120 s by default; 4 s for this agent
// here), the call ends with its record, and the customer is released instead of left on a dead line.
const { config, credentials, app, pool } = await openTestStack();
const workers = inProcessWorkers(config, pool, ['call-events']);
const carol = demoAgent(credentials, '1003');
const phone = sippAgent(config, '1003', carol.sipPassword, 15821);
const setRtpTimeout = async (secs: string) => {
  await pool.query('UPDATE ps_endpoints SET rtp_timeout = $2 WHERE id = $1', ['1003', secs]);
  await app.ami.expireCachedObject('hotline_endpoints', '1003');
};
t.teardown(async () => {
  killAllSipp();
  await setRtpTimeout('120');
  await phone.unregister();
  await workers.close();
  await pool.end();
  await app.close();
});

const number = `5571${String(Date.now()).slice(-6)}`;

t.test('a call whose agent phone went silent is ended, recorded, and its caller released', async (t) => {
  await setRtpTimeout('4');
  // No survey after the call: the caller is released as soon as the call is over.
  const admin = await login(app, 'admin', credentials.admin.password);
  const { id: _id, ...general } = demoQueues.find((q) => q.id === 'general') ?? demoQueues[0]!;
  t.equal((await app.inject({ method: 'PUT', url: '/queues/general', headers: { authorization: `Bearer ${admin}` }, payload: { ...general, survey: { mode: 'off' } } })).statusCode, 200);
  const token = await login(app, '1003', carol.password);
  t.equal((await phone.register()).code, 0);
  const vanishing = phone.answerThenVanish(2_000);
  t.equal((await app.inject({ method: 'POST', url: '/agents/1003/state', headers: { authorization: `Bearer ${token}` }, payload: { state: 'ready' } })).statusCode, 200);
  const caller = sippCaller(config, number).callUntilHangup('7000');
  const talking = await waitFor('the call talking', async () => {
    const list = (await app.inject({ method: 'GET', url: '/calls', headers: { authorization: `Bearer ${token}` } })).json() as { id: string; customerNumber: string; state: string }[];
    return list.find((c) => c.customerNumber === number && c.state === 'talking');
  });
  t.equal((await caller.done).code, 0, 'the caller got a BYE: released, not left on the dead line');
  t.equal((await vanishing.done).code, 0, "Asterisk gave the vanished phone's line up too");
  const row = await waitFor('the record', async () => {
    const { rows } = await pool.query<{ outcome: string | null; agent_id: string | null; talk_secs: number | null }>('SELECT outcome, agent_id, talk_secs FROM calls WHERE id = $1', [talking.id]);
    return rows[0]?.outcome ? rows[0] : undefined;
  }, 30_000);
  t.match(row, { outcome: 'answered', agent_id: '1003' }, 'one answered record, with its agent');
  t.ok((row.talk_secs ?? 0) >= 4, `talk time covers the silence until the line was given up (${row.talk_secs} s)`);
});
