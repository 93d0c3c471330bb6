import t from 'tap';
import { EventLoopLag } from '../src/features/calls/event-loop-lag.js';

/** Ticks `count` times, each `lateMs` past its due time. */
function ticks(lag: EventLoopLag, clock: { now: number }, count: number, lateMs = 0): void {
  for (let i = 0; i < count; i++) {
    clock.now += 20 + lateMs;
    lag.tick();
  }
}

t.test('one long pause reads as nothing; a loop late through two windows is behind', async (t) => {
  const clock = { now: 0 };
  const lag = new EventLoopLag(() => clock.now, 20, 500);
  lag.start();
  lag.stop();
  ticks(lag, clock, 60);
  t.equal(lag.ms, 0, 'ticks on time: no lag');
  clock.now += 820;
  lag.tick();
  ticks(lag, clock, 60);
  t.equal(lag.ms, 0, 'one pause of 800 ms, then on time: not behind');
  ticks(lag, clock, 1, 300);
  t.equal(lag.ms, 0, 'one tick late: not yet');
  ticks(lag, clock, 4, 300);
  t.equal(lag.ms, 300, 'late by 300 ms at every tick for over a second: 300 ms behind');
  ticks(lag, clock, 60);
  t.equal(lag.ms, 0, 'on time again for over a second: forgotten');
});
