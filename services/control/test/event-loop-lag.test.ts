import t from 'tap';
import { EventLoopLag } from '../src/features/calls/event-loop-lag.js';

t.test('a late tick is the lag for the rest of its window and the next, then forgotten', async (t) => {
  let now = 0;
  const lag = new EventLoopLag(() => now, 20, 500);
  lag.start();
  lag.stop();
  for (let i = 0; i < 5; i++) {
    now += 20;
    lag.tick();
  }
  t.equal(lag.ms, 0, 'ticks on time: no lag');
  now += 320;
  lag.tick();
  t.equal(lag.ms, 300, 'the loop was blocked for 300 ms past the tick');
  for (let i = 0; i < 5; i++) {
    now += 20;
    lag.tick();
  }
  t.equal(lag.ms, 300, 'still read once the next window began');
  for (let i = 0; i < 30; i++) {
    now += 20;
    lag.tick();
  }
  t.equal(lag.ms, 0, 'two windows on: forgotten');
});
