import t from 'tap';
import { createFail2banPort, parseBanList, parseCurrentlyFailed } from '../src/features/sip-bans/fail2ban.js';

const at = (text: string) => new Date(text.replace(' ', 'T')).getTime();

t.test('the ban list as fail2ban-client prints it', async (t) => {
  const text = '127.0.0.66 \t2026-12-03 13:28:21 + 3600 = 2026-12-03 14:28:21\n2001:db8::7 \t2026-12-03 13:30:00 + -1 = 9999-12-31 23:59:59\n\n';
  t.same(parseBanList(text), [
    { address: '127.0.0.66', bannedAt: at('2026-12-03 13:28:21'), expiresAt: at('2026-12-03 14:28:21') },
    { address: '2001:db8::7', bannedAt: at('2026-12-03 13:30:00'), expiresAt: null },
  ]);
  t.same(parseBanList(''), [], 'nobody banned');
});

t.test('addresses currently failing, from the jail status', async (t) => {
  t.equal(parseCurrentlyFailed('Status for the jail: hotline-sip\n|- Filter\n|  |- Currently failed:\t3\n|  |- Total failed:\t9\n'), 3);
  t.equal(parseCurrentlyFailed('garbage'), 0);
});

t.test('the port speaks fail2ban-client for its jail', async (t) => {
  const calls: string[][] = [];
  const answers: Record<string, string> = { banip: '1\n', unbanip: '0\n', status: 'Currently failed:\t2', '--with-time': '' };
  const port = createFail2banPort('hotline-sip', async (args) => {
    calls.push(args);
    return answers[args.at(-1) === '--with-time' ? '--with-time' : (args[2] ?? args[0] ?? '')] ?? '';
  });
  t.equal(await port.ban('127.0.0.9'), true, 'newly banned');
  t.equal(await port.unban('127.0.0.9'), false, 'was not banned');
  t.equal(await port.failing(), 2);
  t.same(await port.list(), []);
  t.same(calls, [
    ['set', 'hotline-sip', 'banip', '127.0.0.9'],
    ['set', 'hotline-sip', 'unbanip', '127.0.0.9'],
    ['status', 'hotline-sip'],
    ['get', 'hotline-sip', 'banip', '--with-time'],
  ]);
});
