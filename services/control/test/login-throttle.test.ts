import t from 'tap';
import { LoginThrottle } from '../src/features/auth/login-throttle.js';

const limits = { perPair: 5, perAddress: 8, perAccount: 12 };

t.test('five attempts in the window lock that username from that address until it passes', async (t) => {
  let now = 0;
  const throttle = new LoginThrottle(limits, 60_000, () => now);
  for (let i = 0; i < 5; i++) {
    t.equal(throttle.begin('admin', '10.0.0.1'), 0);
    now += 1_000;
  }
  t.equal(throttle.begin('admin', '10.0.0.1'), 55, 'locked until the first attempt leaves the window');
  t.equal(throttle.begin('admin', '10.0.0.2'), 0, 'another address is not locked out');
  t.equal(throttle.begin('supervisor', '10.0.0.1'), 0, 'nor another username');
  now += 55_000;
  t.equal(throttle.begin('admin', '10.0.0.1'), 0, 'the window passed');
});

t.test('attempts count when they begin: parallel tries cannot pass the limit while hashing', async (t) => {
  const throttle = new LoginThrottle(limits, 60_000, () => 0);
  const allowed = Array.from({ length: 50 }, () => throttle.begin('admin', '10.0.0.1')).filter((wait) => wait === 0);
  t.equal(allowed.length, 5);
});

t.test('a success takes its attempt back and clears the pair', async (t) => {
  const throttle = new LoginThrottle({ perPair: 5, perAddress: 100, perAccount: 100 }, 60_000, () => 0);
  for (let i = 0; i < 4; i++) throttle.begin('1001', 'a');
  throttle.begin('1001', 'a');
  throttle.succeeded('1001', 'a');
  for (let i = 0; i < 5; i++) t.equal(throttle.begin('1001', 'a'), 0, 'the pair starts afresh');
});

t.test('one password sprayed over many usernames from one address is slowed', async (t) => {
  const throttle = new LoginThrottle(limits, 60_000, () => 0);
  const waits = Array.from({ length: 50 }, (_, i) => throttle.begin(`user${i}`, '10.0.0.9'));
  t.equal(waits.filter((w) => w === 0).length, 8, 'only the address limit passes');
  t.equal(throttle.begin('user0', '10.0.0.10'), 0, 'another address is unaffected');
});

t.test('one account guessed from many addresses is slowed', async (t) => {
  const throttle = new LoginThrottle(limits, 60_000, () => 0);
  const waits = Array.from({ length: 30 }, (_, i) => throttle.begin('admin', `10.0.1.${i}`));
  t.equal(waits.filter((w) => w === 0).length, 12);
});

t.test('keys nobody reads again are swept', async (t) => {
  let now = 0;
  const throttle = new LoginThrottle({ perPair: 5, perAddress: 5000, perAccount: 5000 }, 1_000, () => now);
  for (let i = 0; i < 999; i++) throttle.begin(`u${i}`, `a${i}`);
  t.equal(throttle.trackedKeys, 999 * 3, 'a pair, an address and an account per attempt');
  now = 2_000;
  t.equal(throttle.begin('last', 'z'), 0, 'the thousandth attempt sweeps');
  t.equal(throttle.trackedKeys, 3, 'only the new attempt\'s keys are left');
});
