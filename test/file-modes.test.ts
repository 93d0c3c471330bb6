import t from 'tap';
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { testConfig } from './helpers/stack.js';

// What the stack keeps on disk is for its owner: no other user of the machine reads calls,
// secrets or keys, and Asterisk's user shares its ids with no user of the machine.
const config = testConfig();
const mode = (path: string) => statSync(path).mode & 0o777;

t.test('secrets, settings and keys are owner-only; the state folder only lets others pass', async (t) => {
  const state = config.paths.state;
  t.equal(mode(state), 0o711, `${state}: others may pass through (PostgreSQL's user) but not list`);
  for (const file of ['secrets.env', 'hotline.json', 'tls/ca.key', 'tls/server.key']) t.equal(mode(join(state, file)) & 0o077, 0, `${file} is owner-only`);
  for (const folder of ['tls', 'fail2ban', 'pg']) t.equal(mode(join(state, folder)) & 0o077, 0, `${folder}/ is owner-only`);
});

t.test("Asterisk's files are its own: config and spool owner-only, ids shared with no user of the machine", async (t) => {
  const root = config.paths.asteriskRoot;
  for (const folder of ['etc', 'spool/recording', 'spool/monitor', 'log']) t.equal(mode(join(root, folder)) & 0o007, 0, `${folder}/ is closed to other users`);
  for (const file of readdirSync(join(root, 'etc')).filter((f) => f.endsWith('.conf'))) t.equal(mode(join(root, 'etc', file)) & 0o077, 0, `etc/${file} is owner-only`);
  const [uid, gid] = ['-u', '-g'].map((flag) => execFileSync('chroot', [config.paths.chroot, 'id', flag, 'asterisk'], { encoding: 'utf8' }).trim());
  const host = (db: string, id: string) => { try { return execFileSync('getent', [db, id ?? ''], { encoding: 'utf8' }).trim(); } catch { return ''; } };
  t.equal(host('passwd', uid ?? ''), '', `uid ${uid} belongs to no user of the machine`);
  t.equal(host('group', gid ?? ''), '', `gid ${gid} belongs to no group of the machine`);
  t.equal(statSync(join(root, 'spool/recording')).uid, Number(uid), 'the recording spool belongs to Asterisk');
});
