import t from 'tap';
import { LoginThrottle } from '../src/features/auth/login-throttle.js';

t.test('five failures in the window lock that username from that address until it passes', async (t) => {
  let now = 0;
  const throttle = new LoginThrottle(5, 60_000, () => now);
  for (let i = 0; i < 5; i++) {
    t.equal(throttle.retryAfterSecs('admin', '10.0.0.1'), 0);
    throttle.failed('admin', '10.0.0.1');
    now += 1_000;
  }
  t.equal(throttle.retryAfterSecs('admin', '10.0.0.1'), 55, 'locked until the first failure leaves the window');
  t.equal(throttle.retryAfterSecs('admin', '10.0.0.2'), 0, 'another address is not locked out');
  t.equal(throttle.retryAfterSecs('supervisor', '10.0.0.1'), 0, 'nor another username');
  now += 55_000;
  t.equal(throttle.retryAfterSecs('admin', '10.0.0.1'), 0, 'the window passed');
});

t.test('a success clears the failures', async (t) => {
  const throttle = new LoginThrottle(2, 60_000, () => 0);
  throttle.failed('1001', 'a');
  throttle.succeeded('1001', 'a');
  throttle.failed('1001', 'a');
  t.equal(throttle.retryAfterSecs('1001', 'a'), 0);
});
