import t from 'tap';
import { login, openTestStack } from './helpers/stack.js';
import { killAllSipp, sippAgent } from './helpers/sipp.js';
import { waitFor } from './helpers/wait.js';
import { REMOTE } from './helpers/remote.js';

// Repeated SIP authentication failures from one address get it banned by fail2ban (reading
// Asterisk's security log): its requests then get no answer at all, until an admin lifts the ban.
// The attacker is the test run's remote machine, talking to the address the stack listens on.
const { config, credentials, app, pool } = await openTestStack();
const admin = { authorization: `Bearer ${await login(app, 'admin', credentials.admin.password)}` };
const ATTACKER = REMOTE.address;
const remote = { address: REMOTE.address, netns: REMOTE.namespace, server: config.network.listen[0] ?? '' };
const NEIGHBOUR = '127.0.0.67';
const sipPassword = 'banTestPassword1';
const agent = await app.inject({ method: 'PUT', url: '/agents/1090', headers: admin, payload: { name: 'Ban Test', teamId: null, skills: [], sipPassword } });
if (agent.statusCode !== 200) throw new Error(`agent 1090: ${agent.body}`);
const guesser = sippAgent(config, '1090', 'notThePassword', 15990, remote);
const fromAttacker = sippAgent(config, '1090', sipPassword, 15991, remote);
const fromNeighbour = sippAgent(config, '1090', sipPassword, 15992, { address: NEIGHBOUR });
t.teardown(async () => {
  killAllSipp();
  await app.inject({ method: 'DELETE', url: `/security/sip-bans/${ATTACKER}`, headers: admin });
  await fromNeighbour.unregister();
  await pool.end();
  await app.close();
});

interface BanList {
  settings: { maxRetry: number; findTimeSecs: number; banTimeSecs: number };
  bans: { address: string; bannedAt: number; expiresAt: number | null }[];
}
const banList = async () => (await app.inject({ method: 'GET', url: '/security/sip-bans', headers: admin })).json() as BanList;

t.test('wrong passwords from one address get it banned; a correct REGISTER from it then gets nothing', async (t) => {
  const { settings } = await banList();
  t.match(settings, { maxRetry: config.sipBan?.maxRetry, banTimeSecs: config.sipBan?.banTimeSecs });
  const before = await fromAttacker.register();
  t.equal(before.code, 0, 'before: the right password registers from that address', { output: before.output });
  let refusals = 0;
  // Each SIPp run is one REGISTER challenged and answered with the wrong password: one failure.
  for (let i = 0; i < settings.maxRetry; i++) if ((await guesser.registerWithin(5)).code !== 0) refusals++;
  t.equal(refusals, settings.maxRetry, `${settings.maxRetry} wrong-password registrations refused`);
  const ban = await waitFor('the ban', async () => (await banList()).bans.find((b) => b.address === ATTACKER), 15_000);
  t.ok(ban.expiresAt !== null && Math.abs(ban.expiresAt - ban.bannedAt - settings.banTimeSecs * 1000) < 1500, `banned for ${settings.banTimeSecs} s`);
  t.not((await fromAttacker.registerWithin(4)).code, 0, 'now even the right password from that address gets no answer');
  t.equal((await fromNeighbour.register()).code, 0, 'another address is unaffected');
});

t.test('an admin lifts the ban through the API, audited, and the address registers again', async (t) => {
  const agentAuth = { authorization: `Bearer ${await login(app, 'supervisor', credentials.supervisor.password)}` };
  t.equal((await app.inject({ method: 'DELETE', url: `/security/sip-bans/${ATTACKER}`, headers: agentAuth })).statusCode, 403, 'not for supervisors');
  t.equal((await app.inject({ method: 'DELETE', url: `/security/sip-bans/${ATTACKER}`, headers: admin })).statusCode, 204);
  t.notOk((await banList()).bans.some((b) => b.address === ATTACKER), 'gone from the list');
  t.equal((await fromAttacker.register()).code, 0, 'the right password registers again');
  t.equal((await app.inject({ method: 'DELETE', url: `/security/sip-bans/${ATTACKER}`, headers: admin })).statusCode, 404, 'lifting it twice: nothing to lift');
  const audit = await pool.query<{ actor: string; action: string }>("SELECT actor, action FROM audit_log WHERE subject = $1 ORDER BY id DESC LIMIT 1", [ATTACKER]);
  t.same(audit.rows, [{ actor: 'admin', action: 'sip.unban' }]);
  await fromAttacker.unregister();
});

t.test('an admin bans an address by hand; bad addresses are refused naming the field', async (t) => {
  const added = await app.inject({ method: 'POST', url: '/security/sip-bans', headers: admin, payload: { address: ATTACKER, reason: 'scanner seen in the logs' } });
  t.equal(added.statusCode, 201);
  t.ok((await banList()).bans.some((b) => b.address === ATTACKER));
  t.not((await fromAttacker.registerWithin(4)).code, 0, 'banned by hand: no answer');
  t.equal((await app.inject({ method: 'POST', url: '/security/sip-bans', headers: admin, payload: { address: ATTACKER } })).statusCode, 200, 'banning again changes nothing');
  for (const address of ['999.1.1.1', 'localhost', '1.2.3']) {
    const res = await app.inject({ method: 'POST', url: '/security/sip-bans', headers: admin, payload: { address } });
    t.equal(res.statusCode, 400, `${address} → 400`);
    t.match(res.json().message, /address/);
  }
  t.equal((await app.inject({ method: 'DELETE', url: `/security/sip-bans/${ATTACKER}`, headers: admin })).statusCode, 204);
});
