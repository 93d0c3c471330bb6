import t from 'tap';
import { pino } from 'pino';
import { LoadShedding, refusedInDialplan } from '../src/features/calls/load-shedding.js';
import type { LoadReadings } from '../src/features/calls/call-admission.js';

const LIMITS = { maxEventLoopLagMs: 250, maxAriLatencyMs: 1000, maxArriving: 100 };
const CALM: LoadReadings = { eventLoopLagMs: 5, ariLatencyMs: 3, arriving: 0 };

function setup() {
  const clock = { now: 0 };
  let readings = CALM;
  const told: boolean[] = [];
  let failNext = false;
  const shedding = new LoadShedding({
    readings: () => readings,
    limits: LIMITS,
    setShedding: async (on) => {
      if (failNext) {
        failNext = false;
        throw new Error('ARI is not connected');
      }
      told.push(on);
    },
    log: pino({ level: 'silent' }),
    now: () => clock.now,
  });
  /** Reads the load `times` times, 250 ms apart. */
  const readFor = async (times: number, now: LoadReadings) => {
    readings = now;
    for (let i = 0; i < times; i++) {
      clock.now += 250;
      await shedding.check();
    }
  };
  return { shedding, told, readFor, failOnce: () => (failNext = true) };
}

t.test('on when a reading is over its limit, off once all stayed under for a second', async (t) => {
  const { shedding, told, readFor } = setup();
  await readFor(1, CALM);
  t.same(told, [false], 'Asterisk is told once at the start that callers are let in');
  await readFor(3, { ...CALM, eventLoopLagMs: 400 });
  t.same(told, [false, true], 'told once to shed, not at every reading');
  t.equal(shedding.shedding, true);
  t.match(shedding.reason, { signal: 'eventLoopLagMs', value: 400, limit: 250 });
  await readFor(3, CALM);
  t.equal(shedding.shedding, true, 'under the limits for less than a second: still shedding');
  await readFor(1, { ...CALM, arriving: 150 });
  await readFor(4, CALM);
  t.equal(shedding.shedding, true, 'a reading over the limit starts the second again');
  await readFor(1, CALM);
  t.same(told, [false, true, false], 'a second under every limit: callers let in again');
  t.match(shedding.reason, { signal: 'arriving' }, 'the last reason is kept for refusals reported late');
});

t.test('a failed switch is tried again at the next reading; a new ARI link is told again', async (t) => {
  const { shedding, told, readFor, failOnce } = setup();
  failOnce();
  await readFor(1, { ...CALM, ariLatencyMs: 2_000 });
  t.same(told, [], 'the first try failed');
  await readFor(1, { ...CALM, ariLatencyMs: 2_000 });
  t.same(told, [true], 'told at the next reading');
  shedding.linkRestored();
  await readFor(1, { ...CALM, ariLatencyMs: 2_000 });
  t.same(told, [true, true], 'Asterisk restarted with its globals reset: told again');
});

t.test("the dialplan's refusal event, and nothing else, is read as a refused caller", async (t) => {
  t.same(refusedInDialplan({ event: 'UserEvent', userevent: 'HotlineRefused', uniqueid: '1700.12', number: '7000', calleridnum: '5550100' }), {
    channelId: '1700.12', number: '7000', customerNumber: '5550100',
  });
  t.equal(refusedInDialplan({ event: 'UserEvent', userevent: 'HotlineRefused', uniqueid: '1700.13', number: '7000', calleridnum: '<unknown>' })?.customerNumber, '', 'an anonymous caller');
  t.equal(refusedInDialplan({ event: 'UserEvent', userevent: 'Other', uniqueid: '1', number: '7000' }), undefined);
  t.equal(refusedInDialplan({ event: 'Newchannel', uniqueid: '1' }), undefined);
  t.equal(refusedInDialplan({ event: 'UserEvent', userevent: 'HotlineRefused', uniqueid: '', number: '7000' }), undefined, 'no channel: not ours');
});
