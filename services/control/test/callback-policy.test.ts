import t from 'tap';
import { callbackOffered, dialable, inWindow, nextOpening } from '../src/features/calls/callback-policy.js';

const at = (hh: number, mm: number) => new Date(2026, 10, 23, hh, mm).getTime();
const policy = { enabled: true, key: '1', maxAttempts: 2, retryAfterSecs: 60, ringSecs: 20, window: { from: '08:00', to: '20:00' } };

t.test('only the number the caller called from, and only a plain one, is dialled back', async (t) => {
  t.ok(dialable('5551234'));
  t.ok(dialable('+4930123456'));
  for (const number of ['anonymous', '12', '555-1234', '5551234@evil', '1234567890123456', '']) t.notOk(dialable(number), number);
});

t.test('the daily window, including one that runs overnight and one that closes at midnight', async (t) => {
  t.ok(inWindow(policy.window, new Date(at(8, 0))), 'opens at its start');
  t.notOk(inWindow(policy.window, new Date(at(20, 0))), 'closed at its end');
  t.notOk(inWindow(policy.window, new Date(at(7, 59))));
  const overnight = { from: '22:00', to: '06:00' };
  t.ok(inWindow(overnight, new Date(at(23, 30))));
  t.ok(inWindow(overnight, new Date(at(5, 59))));
  t.notOk(inWindow(overnight, new Date(at(12, 0))));
  t.ok(inWindow({ from: '00:00', to: '24:00' }, new Date(at(23, 59))), 'all day');
});

t.test('the next opening is later today or tomorrow', async (t) => {
  t.equal(nextOpening(policy.window, at(6, 0)), at(8, 0));
  t.equal(nextOpening(policy.window, at(21, 0)), new Date(2026, 10, 24, 8, 0).getTime());
  t.equal(nextOpening(policy.window, at(8, 0)), new Date(2026, 10, 24, 8, 0).getTime(), 'strictly after now');
});

t.test('offered only when on, inside the window and dialable', async (t) => {
  t.ok(callbackOffered(policy, '5551234', at(9, 0)));
  t.notOk(callbackOffered({ ...policy, enabled: false }, '5551234', at(9, 0)));
  t.notOk(callbackOffered(policy, '5551234', at(21, 0)));
  t.notOk(callbackOffered(policy, 'anonymous', at(9, 0)));
});
