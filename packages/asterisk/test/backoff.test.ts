import t from 'tap';
import { backoffDelay } from '../src/backoff.js';

t.test('reconnect delays double from the initial delay up to the cap, with jitter in the upper half', async (t) => {
  t.equal(backoffDelay(0, 250, 10_000, () => 0), 125);
  t.equal(backoffDelay(0, 250, 10_000, () => 1), 250);
  t.equal(backoffDelay(3, 250, 10_000, () => 1), 2000);
  t.equal(backoffDelay(10, 250, 10_000, () => 1), 10_000, 'capped');
  t.equal(backoffDelay(1_000, 250, 10_000, () => 0.5), 7500, 'huge attempt counts stay finite');
  for (let attempt = 0; attempt < 12; attempt++) {
    const d = backoffDelay(attempt);
    t.ok(d >= 0 && d <= 10_000, `attempt ${attempt}: ${d} ms within bounds`);
  }
});
