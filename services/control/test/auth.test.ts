import t from 'tap';
import { hashPassword, verifyPassword } from '../src/features/auth/password.js';
import { createTokenService } from '../src/features/auth/token.js';

const principal = { username: 'supervisor', role: 'supervisor' as const, agentId: null, teamId: 'front-line' };

t.test('passwords: the right one verifies, anything else does not', async (t) => {
  const stored = await hashPassword('correct horse');
  t.match(stored, /^scrypt\$[\w-]+\$[\w-]+$/);
  t.not(stored, await hashPassword('correct horse'), 'salted: the same password hashes differently');
  t.equal(await verifyPassword('correct horse', stored), true);
  t.equal(await verifyPassword('correct horsE', stored), false);
  t.equal(await verifyPassword('correct horse', 'md5$abc'), false, 'unknown scheme never verifies');
  t.equal(await verifyPassword('correct horse', 'scrypt$only-salt'), false, 'malformed hash never verifies');
});

t.test('tokens carry the principal until they expire', async (t) => {
  let now = 1_000_000;
  const tokens = createTokenService('x'.repeat(32), 60, () => now);
  const { token, expiresAt } = tokens.issue(principal);
  t.equal(expiresAt, 1_060_000);
  t.match(tokens.verify(token), { ...principal, session: { id: /^[\w-]{16}$/, expiresAt } });
  now = 1_060_000;
  t.equal(tokens.verify(token), undefined, 'expired');
});

t.test('a revoked session is refused, other sessions of the same user are not', async (t) => {
  const revoked = new Set<string>();
  const tokens = createTokenService('x'.repeat(32), 60, Date.now, (id) => revoked.has(id));
  const first = tokens.issue(principal).token;
  const second = tokens.issue(principal).token;
  const id = tokens.verify(first)?.session?.id;
  t.ok(id);
  revoked.add(id ?? '');
  t.equal(tokens.verify(first), undefined);
  t.match(tokens.verify(second), principal);
});

t.test('a tampered or foreign token is refused', async (t) => {
  const tokens = createTokenService('x'.repeat(32), 60);
  const { token } = tokens.issue(principal);
  const [payload, signature] = token.split('.') as [string, string];
  const forged = Buffer.from(JSON.stringify({ ...principal, role: 'admin', exp: Date.now() + 60_000 })).toString('base64url');
  t.equal(tokens.verify(`${forged}.${signature}`), undefined, 'changed claims');
  t.equal(tokens.verify(`${payload}.${signature.slice(1)}`), undefined, 'short signature');
  t.equal(tokens.verify(payload), undefined, 'no signature');
  t.equal(createTokenService('y'.repeat(32), 60).verify(token), undefined, 'signed with another secret');
});
