import t from 'tap';
import type { AddressInfo } from 'node:net';
import type { LiveSnapshot } from '@hotline/contracts';
import { login, openTestStack } from './helpers/stack.js';
import { streamClient } from './helpers/stream-client.js';
import { waitFor } from './helpers/wait.js';

// API tokens for integrations on the real stack: created by an admin and shown once, scoped by
// role and team like a user, usable on the live stream, revoked or expired at once.
const { credentials, app, pool } = await openTestStack();
await app.listen({ port: 0, host: '127.0.0.1' });
t.teardown(async () => {
  await pool.end();
  await app.close();
});
const admin = { authorization: `Bearer ${await login(app, 'admin', credentials.admin.password)}` };
const supervisor = { authorization: `Bearer ${await login(app, 'supervisor', credentials.supervisor.password)}` };

interface Created {
  id: string;
  token: string;
  role: string;
  teamId: string | null;
}
const create = async (payload: object, headers = admin) => app.inject({ method: 'POST', url: '/auth/api-tokens', headers, payload });

t.test('only an admin creates tokens; a supervisor token names its team', async (t) => {
  t.equal((await create({ name: 'crm', role: 'admin' }, supervisor)).statusCode, 403);
  const teamless = await create({ name: 'crm', role: 'supervisor' });
  t.equal(teamless.statusCode, 400);
  t.match(teamless.json(), { message: /body\/teamId/ });
  const unknownTeam = await create({ name: 'crm', role: 'supervisor', teamId: 'nowhere' });
  t.match(unknownTeam.json(), { message: /body\/teamId: no team nowhere/ });
  t.equal((await create({ name: 'crm', role: 'agent' })).statusCode, 400, 'no agent tokens: integrations are not agents');
});

t.test('a supervisor token acts as a supervisor of its team, on the API and the stream', async (t) => {
  const res = await create({ name: 'wallboard tv', role: 'supervisor', teamId: 'front-line', expiresInDays: 30 });
  t.equal(res.statusCode, 201);
  const created = res.json() as Created;
  t.match(created.token, /^hlk_[0-9a-f]{16}_/);
  const bearer = { authorization: `Bearer ${created.token}` };
  t.equal((await app.inject({ method: 'GET', url: '/agents', headers: bearer })).statusCode, 200, 'reads agents like a supervisor');
  t.equal((await app.inject({ method: 'GET', url: '/qa/forms', headers: bearer })).statusCode, 200);
  t.equal((await create({ name: 'escalate', role: 'admin' }, bearer)).statusCode, 403, 'but cannot act as an admin');
  const listed = (await app.inject({ method: 'GET', url: '/auth/api-tokens', headers: admin })).json() as Record<string, unknown>[];
  const row = listed.find((r) => r.id === created.id);
  t.ok(row?.lastUsedAt, 'use is recorded');
  // The secret is base64url and may itself contain '_': it is everything after `hlk_<id>_`.
  const secret = created.token.slice(`hlk_${created.id}_`.length);
  t.equal(secret.length, 43);
  t.notOk(JSON.stringify(listed).includes(secret), 'the secret is never listed');
  const { rows } = await pool.query('SELECT secret_sha256 FROM api_tokens WHERE id = $1', [created.id]);
  t.notOk(String(rows[0]?.secret_sha256).includes(secret), 'only its hash is stored');

  const url = `ws://127.0.0.1:${(app.server.address() as AddressInfo).port}/stream`;
  const stream = await streamClient(url, created.token);
  const snapshot = await stream.next('a snapshot', (m): m is LiveSnapshot => m.type === 'snapshot');
  t.ok(snapshot.agents.length > 0 && snapshot.agents.every((a) => a.teamId === 'front-line'), "the stream is scoped to the token's team");
  stream.close();

  t.equal((await app.inject({ method: 'DELETE', url: `/auth/api-tokens/${created.id}`, headers: admin })).statusCode, 200);
  t.equal((await app.inject({ method: 'GET', url: '/agents', headers: bearer })).statusCode, 401, 'revoked: refused at once');
  t.equal((await app.inject({ method: 'DELETE', url: `/auth/api-tokens/${created.id}`, headers: admin })).statusCode, 404);
});

t.test('an expired, forged or malformed token is refused', async (t) => {
  const created = (await create({ name: 'nightly export', role: 'admin' })).json() as Created;
  const bearer = { authorization: `Bearer ${created.token}` };
  t.equal((await app.inject({ method: 'GET', url: '/dead-letters', headers: bearer })).statusCode, 200, 'an admin token acts as an admin');
  const forged = created.token.slice(0, -4) + (created.token.endsWith('AAAA') ? 'BBBB' : 'AAAA');
  t.equal((await app.inject({ method: 'GET', url: '/agents', headers: { authorization: `Bearer ${forged}` } })).statusCode, 401, 'a wrong secret');
  t.equal((await app.inject({ method: 'GET', url: '/agents', headers: { authorization: 'Bearer hlk_nonsense' } })).statusCode, 401, 'malformed');
  await pool.query("UPDATE api_tokens SET expires_at = now() - interval '1 minute' WHERE id = $1", [created.id]);
  t.equal((await app.inject({ method: 'GET', url: '/agents', headers: bearer })).statusCode, 401, 'expired');
  const audit = await waitFor('the audit entries', async () => {
    const { rows } = await pool.query<{ action: string }>("SELECT action FROM audit_log WHERE action LIKE 'api-token.%'");
    return rows.length >= 3 ? rows.map((r) => r.action) : undefined;
  });
  t.ok(audit.includes('api-token.create') && audit.includes('api-token.revoke'), 'creation and revocation are audited');
});
