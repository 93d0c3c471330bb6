import t from 'tap';
import { demoAgent, login, seedTestData, startControl, testConfig } from './helpers/stack.js';

// The API's contract at its edges: schema errors name the field, every route checks the caller.
const config = testConfig();
const credentials = await seedTestData(config);
const app = await startControl(config);
t.teardown(() => app.close());
const alice = demoAgent(credentials, '1001');
const agentToken = await login(app, '1001', alice.password);
const supervisorToken = await login(app, 'supervisor', credentials.supervisor.password);
const adminToken = await login(app, 'admin', credentials.admin.password);
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

t.test('login', async (t) => {
  const missing = await app.inject({ method: 'POST', url: '/auth/login', payload: { username: 'admin' } });
  t.equal(missing.statusCode, 400);
  t.match(missing.json().message, /password/, 'names the missing field');
  const wrong = await app.inject({ method: 'POST', url: '/auth/login', payload: { username: 'admin', password: 'nope' } });
  t.equal(wrong.statusCode, 401);
  const unknown = await app.inject({ method: 'POST', url: '/auth/login', payload: { username: 'nobody', password: 'nope' } });
  t.equal(unknown.statusCode, 401, 'unknown users look the same as wrong passwords');
  t.same(Object.keys(wrong.json()).sort(), ['error', 'message', 'statusCode']);
});

t.test('password guessing is throttled per username and address', async (t) => {
  const attempt = (password: string) => app.inject({ method: 'POST', url: '/auth/login', payload: { username: 'supervisor', password }, remoteAddress: '10.9.9.9' });
  for (let i = 0; i < 5; i++) t.equal((await attempt(`guess-${i}`)).statusCode, 401);
  const locked = await attempt(credentials.supervisor.password);
  t.equal(locked.statusCode, 429, 'even the right password waits once locked');
  t.ok(Number(locked.headers['retry-after']) > 0);
  const elsewhere = await app.inject({ method: 'POST', url: '/auth/login', payload: { username: 'supervisor', password: credentials.supervisor.password } });
  t.equal(elsewhere.statusCode, 200, 'the real supervisor at their own address is not locked out');
});

t.test('parallel guesses are counted before the password check, and spraying one address is slowed', async (t) => {
  const guess = (username: string, remoteAddress: string) => app.inject({ method: 'POST', url: '/auth/login', payload: { username, password: 'wrong-guess' }, remoteAddress });
  const parallel = await Promise.all(Array.from({ length: 50 }, () => guess('admin', '10.9.9.10')));
  const codes = parallel.map((r) => r.statusCode);
  t.equal(codes.filter((c) => c === 401).length, 5, '50 parallel wrong logins for one user: only 5 reach the password check');
  t.equal(codes.filter((c) => c === 429).length, 45);
  const sprayed = [];
  for (let i = 0; i < 60; i++) sprayed.push((await guess(`sprayed-${i}`, '10.9.9.11')).statusCode);
  t.equal(sprayed.filter((c) => c === 401).length, 50, 'one password over 60 usernames from one address: refused after 50');
  t.equal(sprayed.at(-1), 429);
  t.equal((await guess('sprayed-0', '10.9.9.12')).statusCode, 401, 'another address is not slowed');
});

t.test('roles on every route', async (t) => {
  const cases: [string, string, Record<string, string> | undefined, number][] = [
    ['GET', '/agents', undefined, 401],
    ['GET', '/agents', bearer('not-a-token'), 401],
    ['GET', '/agents', bearer(agentToken), 403],
    ['GET', '/agents', bearer(supervisorToken), 200],
    ['GET', '/agents', bearer(adminToken), 200],
    ['GET', '/agents/1001', bearer(agentToken), 200],
    ['GET', '/agents/1002', bearer(agentToken), 403],
    ['GET', '/agents/1002', bearer(supervisorToken), 200],
    ['GET', '/calls', undefined, 401],
    ['GET', '/calls', bearer(agentToken), 200],
  ];
  for (const [method, url, headers, status] of cases) {
    const res = await app.inject({ method: method as 'GET', url, ...(headers ? { headers } : {}) });
    t.equal(res.statusCode, status, `${method} ${url} as ${headers ? 'caller' : 'anonymous'} → ${status}`);
  }
  const other = await app.inject({ method: 'POST', url: '/agents/1002/state', headers: bearer(agentToken), payload: { state: 'not-ready', reason: 'break' } });
  t.equal(other.statusCode, 403, "an agent cannot change another agent's state");
  const bySupervisor = await app.inject({ method: 'POST', url: '/agents/1002/state', headers: bearer(supervisorToken), payload: { state: 'not-ready', reason: 'meeting' } });
  t.equal(bySupervisor.statusCode, 200, "a supervisor can change an agent's state");
  t.match(bySupervisor.json(), { state: 'not-ready', reason: 'meeting' });
});

t.test('bad input gets a 4xx naming what is wrong', async (t) => {
  const post = (payload: object) => app.inject({ method: 'POST', url: '/agents/1001/state', headers: bearer(agentToken), payload });
  const badState = await post({ state: 'dancing' });
  t.equal(badState.statusCode, 400);
  t.match(badState.json().message, /state/);
  const extra = await post({ state: 'ready', admin: true });
  t.equal(extra.statusCode, 400, 'unknown properties are refused');
  const reason = await post({ state: 'not-ready', reason: 'nap' });
  t.equal(reason.statusCode, 400);
  t.match(reason.json().message, /nap/, 'an unconfigured not-ready reason is named');
  const ok = await post({ state: 'not-ready', reason: 'break' });
  t.equal(ok.statusCode, 200);
  t.match(ok.json(), { state: 'not-ready', reason: 'break' });
  const badId = await app.inject({ method: 'GET', url: '/agents/abc', headers: bearer(supervisorToken) });
  t.equal(badId.statusCode, 400);
  t.match(badId.json().message, /id/);
  const noAgent = await app.inject({ method: 'GET', url: '/agents/9999', headers: bearer(supervisorToken) });
  t.equal(noAgent.statusCode, 404);
  const badCall = await app.inject({ method: 'GET', url: '/calls/not-a-uuid', headers: bearer(supervisorToken) });
  t.equal(badCall.statusCode, 400);
  const noCall = await app.inject({ method: 'GET', url: '/calls/6f1c2f5e-3b1e-4d38-9a52-0d7a6c1e2b10', headers: bearer(supervisorToken) });
  t.equal(noCall.statusCode, 404);
  const badQuery = await app.inject({ method: 'GET', url: '/calls?state=sideways', headers: bearer(supervisorToken) });
  t.equal(badQuery.statusCode, 400);
  t.match(badQuery.json().message, /state/);
});

t.test('health, metrics and the OpenAPI document', async (t) => {
  const health = await app.inject({ method: 'GET', url: '/healthz' });
  t.equal(health.statusCode, 200);
  t.match(health.json(), { status: 'ok', dependencies: { ari: { status: 'up' }, ami: { status: 'up' }, redis: { status: 'up' }, postgres: { status: 'up' } } });
  t.equal((await app.inject({ method: 'GET', url: '/metrics' })).statusCode, 401, 'metrics need a login (an admin API token for a scraper)');
  const metrics = await app.inject({ method: 'GET', url: '/metrics', headers: bearer(adminToken) });
  t.match(metrics.headers['content-type'], /text\/plain/);
  t.match(metrics.body, /hotline_dependency_up\{dependency="ari"\} 1/);
  const docs = await app.inject({ method: 'GET', url: '/docs/json' });
  const spec = docs.json() as { paths: Record<string, unknown> };
  for (const path of ['/auth/login', '/agents', '/agents/{id}/state', '/calls', '/calls/{id}', '/healthz']) t.ok(spec.paths[path], `documents ${path}`);
});

t.test('route × role: every route refuses the anonymous, and each role outside its list', async (t) => {
  const call = '6f1c2f5e-3b1e-4d38-9a52-0d7a6c1e2b10';
  // method, path, roles allowed (public routes are not listed)
  const table: [string, string, ('agent' | 'supervisor' | 'admin')[]][] = [
    ['GET', '/agents', ['supervisor', 'admin']],
    ['PUT', '/agents/1001', ['admin']],
    ['GET', '/agents/1001', ['agent', 'supervisor', 'admin']],
    ['GET', '/agents/1001/calls', ['agent', 'supervisor', 'admin']],
    ['GET', '/agents/1001/qa-score', ['agent', 'supervisor', 'admin']],
    ['GET', '/agents/1001/softphone', ['agent', 'supervisor', 'admin']],
    ['POST', '/agents/1001/state', ['agent', 'supervisor', 'admin']],
    ['GET', '/agents/1001/survey-scores', ['agent', 'supervisor', 'admin']],
    ['POST', '/agents/1001/wrap-up', ['agent', 'supervisor', 'admin']],
    ['GET', '/agents/ready', ['agent', 'supervisor', 'admin']],
    ['GET', '/auth/api-tokens', ['admin']],
    ['POST', '/auth/api-tokens', ['admin']],
    ['DELETE', '/auth/api-tokens/0123456789abcdef', ['admin']],
    ['GET', '/calls', ['agent', 'supervisor', 'admin']],
    ['GET', `/calls/${call}`, ['agent', 'supervisor', 'admin']],
    ['DELETE', `/calls/${call}`, ['supervisor', 'admin']],
    ['GET', `/calls/${call}/context`, ['agent', 'supervisor', 'admin']],
    ['POST', `/calls/${call}/disposition`, ['agent', 'supervisor', 'admin']],
    ['POST', `/calls/${call}/hangup`, ['agent', 'supervisor', 'admin']],
    ['POST', `/calls/${call}/hold`, ['agent', 'supervisor', 'admin']],
    ['POST', `/calls/${call}/mute`, ['agent', 'supervisor', 'admin']],
    ['POST', `/calls/${call}/qa`, ['supervisor', 'admin']],
    ['POST', `/calls/${call}/recording`, ['agent', 'supervisor', 'admin']],
    ['POST', `/calls/${call}/transfer`, ['agent', 'supervisor', 'admin']],
    ['GET', `/calls/${call}/routing`, ['supervisor', 'admin']],
    ['GET', '/customers/5550100', ['agent', 'supervisor', 'admin']],
    ['POST', '/customers/import', ['admin']],
    ['GET', '/dead-letters', ['admin']],
    ['GET', '/followups', ['supervisor', 'admin']],
    ['POST', '/followups/1/done', ['supervisor', 'admin']],
    ['GET', '/qa/forms', ['supervisor', 'admin']],
    ['PUT', '/qa/forms/standard', ['admin']],
    ['GET', '/qa/reviews', ['agent', 'supervisor', 'admin']],
    ['GET', '/qa/sample', ['supervisor', 'admin']],
    ['GET', '/queues', ['agent', 'supervisor', 'admin']],
    ['PUT', '/queues/general', ['admin']],
    ['GET', '/queues/general/survey-scores', ['supervisor', 'admin']],
    ['GET', '/reconciliation', ['admin']],
    ['GET', '/state-corrections', ['supervisor', 'admin']],
    ['GET', '/recordings', ['agent', 'supervisor', 'admin']],
    ['GET', `/recordings/${call}`, ['agent', 'supervisor', 'admin']],
    ['GET', `/recordings/${call}/audio`, ['agent', 'supervisor', 'admin']],
    ['POST', '/reports/definitions', ['admin']],
    ['GET', '/reports/definitions', ['supervisor', 'admin']],
    ['GET', '/reports/erlang-c', ['supervisor', 'admin']],
    ['GET', '/reports/kpi', ['agent', 'supervisor', 'admin']],
    ['GET', '/reports/staffing', ['supervisor', 'admin']],
    ['GET', '/reports/survey-honesty', ['supervisor', 'admin']],
    ['GET', '/skills', ['supervisor', 'admin']],
    ['PUT', '/skills/general', ['admin']],
    ['GET', '/supervision', ['supervisor', 'admin']],
    ['POST', '/supervision', ['supervisor', 'admin']],
    ['DELETE', `/supervision/${call}`, ['supervisor', 'admin']],
    ['PATCH', `/supervision/${call}`, ['supervisor', 'admin']],
    ['GET', '/teams', ['supervisor', 'admin']],
    ['PUT', '/teams/front-line', ['admin']],
    ['POST', '/what-if', ['supervisor', 'admin']],
    ['GET', '/metrics', ['admin']],
    ['GET', '/security/sip-bans', ['admin']],
    ['POST', '/security/sip-bans', ['admin']],
    ['DELETE', '/security/sip-bans/127.0.0.250', ['admin']],
    ['GET', '/blocked-numbers', ['supervisor', 'admin']],
    ['POST', '/blocked-numbers', ['supervisor', 'admin']],
    ['DELETE', `/blocked-numbers/${call}`, ['supervisor', 'admin']],
    ['GET', '/voicemails', ['agent', 'supervisor', 'admin']],
    ['GET', `/voicemails/${call}`, ['agent', 'supervisor', 'admin']],
    ['GET', `/voicemails/${call}/audio`, ['agent', 'supervisor', 'admin']],
    ['PATCH', `/voicemails/${call}`, ['agent', 'supervisor', 'admin']],
    ['POST', '/agents/1001/dial', ['agent', 'supervisor', 'admin']],
    ['GET', '/ivr-menus', ['supervisor', 'admin']],
    ['PUT', '/ivr-menus/general', ['admin']],
    ['DELETE', '/ivr-menus/general', ['admin']],
    ['GET', '/reports/ivr', ['supervisor', 'admin']],
    // Last: it ends the sessions it is called with.
    ['POST', '/auth/logout', ['agent', 'supervisor', 'admin']],
  ];
  const spec = (await app.inject({ method: 'GET', url: '/docs/json' })).json() as { paths: Record<string, Record<string, unknown>> };
  const documented = Object.entries(spec.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`));
  const PUBLIC = new Set(['POST /auth/login', 'GET /healthz']);
  const tabled = new Set(table.map(([method, path]) => `${method} ${path.replace(/\/(1001|0123456789abcdef|5550100|standard|general|front-line|1|127\.0\.0\.250|6f1c2f5e-[0-9a-f-]+)(?=\/|$)/g, '/{x}')}`));
  const untabled = documented.filter((op) => !op.startsWith('GET /docs') && !PUBLIC.has(op) && !tabled.has(op.replace(/\{\w+\}/g, '{x}')));
  t.same(untabled, [], 'every documented route is in the table');
  const tokens = { agent: agentToken, supervisor: supervisorToken, admin: adminToken };
  for (const [method, url, allowed] of table) {
    const anonymous = await app.inject({ method: method as 'GET', url });
    t.equal(anonymous.statusCode, 401, `${method} ${url} anonymous → 401`);
    for (const role of ['agent', 'supervisor', 'admin'] as const) {
      const res = await app.inject({ method: method as 'GET', url, headers: bearer(tokens[role]) });
      if (allowed.includes(role)) t.not(res.statusCode, 401, `${method} ${url} as ${role} passes authentication`);
      else t.equal(res.statusCode, 403, `${method} ${url} as ${role} → 403`);
    }
  }
});
