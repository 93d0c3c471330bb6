import t from 'tap';
import type { Agent, Queue } from '@hotline/contracts';
import type { RecordedCall, RecordedInterval } from '@hotline/db';
import { KPI_DEFINITION_V1 } from '@hotline/kpi';
import { demoQueues } from '../src/demo/demo-config.js';
import { ReportRequestError } from '../src/features/reports/request-error.js';
import type { FiguresByQueue } from '../src/features/what-if/figures.js';
import type { RecordedDay } from '../src/features/what-if/recorded-day.js';
import { replay } from '../src/features/what-if/replay.js';
import { changedScenario, recordedScenario, type WhatIfChanges } from '../src/features/what-if/scenario.js';
import { whatIf } from '../src/features/what-if/what-if.js';

// Small days whose replays can be followed by hand: times are seconds after 08:00.
const T0 = Date.parse('2001-03-04T08:00:00Z');
const at = (secs: number) => T0 + secs * 1000;
const PERIOD = { start: Date.parse('2001-03-04T00:00:00Z'), end: Date.parse('2001-03-05T00:00:00Z') };

/** A queue like the demo's (so every stored setting is there), with no wrap-up and one skill. */
const queue = (id: string, settings: Partial<Queue> = {}): Queue => ({
  ...(demoQueues[0] as Queue), id, name: id, wrapupSecs: 0, expansion: [], overflow: { kind: 'goodbye' }, skills: [{ skillId: 'talk', minLevel: 1 }], ...settings,
});
const agent = (id: string, level = 5): Agent => ({ id, name: id, teamId: null, skills: [{ skillId: 'talk', level }] });

interface Handling { agentId: string; talk: number; ring?: number; wrapUp?: number }
function call(id: string, arrives: number, wait: number, handled: Handling | 'abandoned', queueId = 'q'): RecordedCall {
  const base = { id, queueId, entryQueueId: queueId, customerNumber: null, customerTier: null, enqueuedAt: at(arrives), waitSeconds: wait, holdSeconds: 0, survey: null, surveyOffered: false };
  if (handled === 'abandoned') {
    return { ...base, agentId: null, answeredAt: null, endedAt: at(arrives + wait), outcome: 'abandoned', ringSeconds: 0, talkSeconds: 0, wrapUpSeconds: 0, wrapUpRecorded: false };
  }
  const answeredAt = at(arrives + wait);
  return {
    ...base, agentId: handled.agentId, answeredAt, endedAt: answeredAt + handled.talk * 1000, outcome: 'answered',
    ringSeconds: handled.ring ?? 0, talkSeconds: handled.talk, wrapUpSeconds: handled.wrapUp ?? 0, wrapUpRecorded: handled.wrapUp !== undefined,
  };
}
const ready = (agentId: string, from = 0): RecordedInterval => ({ agentId, state: 'Ready', reason: null, from: at(from), to: null });

/**
 * Two agents Ready from 08:00, 60 s calls: c1 at 0 s to A, c2 at 10 s to B, c3 at 20 s waits for A
 * until 60 s. Waits 0, 0, 40 ⇒ SL 2/3, ASA 40/3 s.
 */
const twoAgents = (): RecordedDay => ({
  period: PERIOD,
  queues: [queue('q')],
  agents: [agent('1001'), agent('1002')],
  skills: ['talk'],
  calls: [call('c1', 0, 0, { agentId: '1001', talk: 60 }), call('c2', 10, 0, { agentId: '1002', talk: 60 }), call('c3', 20, 40, { agentId: '1001', talk: 60 })],
  intervals: [ready('1001'), ready('1002')],
});
const run = (day: RecordedDay, changes: WhatIfChanges = {}) => whatIf(day, changes, KPI_DEFINITION_V1, undefined, PERIOD.end + 1);
const waitsOf = (day: RecordedDay, changes: WhatIfChanges = {}) => replay(day, changedScenario(recordedScenario(day), changes, new Set(day.skills))).calls.map((c) => [c.outcome, c.waitSeconds, c.agentId]);

/** The hand-made timelines hold no call states, so occupancy is left out where a day is compared with its replay. */
const calls = ({ overall, queues }: FiguresByQueue) => ({ overall: { ...overall, occupancy: null }, queues });

t.test('the unchanged replay of a hand-made day reproduces it exactly', async (t) => {
  const result = run(twoAgents());
  t.same(calls(result.replayedUnchanged), calls(result.actual));
  t.equal(result.predicted, result.replayedUnchanged, 'nothing changed: the unchanged replay is the prediction');
  t.equal(result.actual.overall.serviceLevel, 2 / 3);
  t.equal(result.actual.overall.asaSeconds, 40 / 3);
  t.ok(result.validation.withinTolerance);
  t.same(result.validation.overall, { serviceLevelPoints: 0, asaSeconds: 0, abandonRatePoints: 0, withinTolerance: true });
  t.ok(result.assumptions.length > 0);
});

t.test('removing an agent lowers the service level', async (t) => {
  // A alone: c1 0–60, c2 waits 50 s (60–120), c3 waits 100 s.
  const result = run(twoAgents(), { removeAgents: ['1002'] });
  t.equal(result.predicted.overall.serviceLevel, 1 / 3);
  t.equal(result.predicted.overall.asaSeconds, (0 + 50 + 100) / 3);
  t.ok((result.predicted.overall.serviceLevel ?? 1) < (result.actual.overall.serviceLevel ?? 0));
});

t.test('a longer wrap-up raises ASA', async (t) => {
  // 30 s of wrap-up: A is Ready again at 90 s, so c3 waits 70 s instead of 40.
  const result = run(twoAgents(), { queues: [{ queueId: 'q', wrapupSecs: 30 }] });
  t.equal(result.predicted.overall.asaSeconds, 70 / 3);
  t.equal(result.predicted.overall.ahtSeconds, 90, 'handle time now includes the wrap-up');
});

t.test('an added agent takes the call that waited; one copying a timeline keeps its hours', async (t) => {
  t.equal(run(twoAgents(), { addAgents: [{ id: '1009', skills: [{ skillId: 'talk', level: 5 }] }] }).predicted.overall.asaSeconds, 0);
  // 1003 keeps 1002's hours (Ready from 08:00), so the same holds.
  t.same(waitsOf(twoAgents(), { addAgents: [{ id: '1003', skills: [{ skillId: 'talk', level: 5 }], copyTimelineOf: '1002' }] }), [
    ['answered', 0, '1001'], ['answered', 0, '1002'], ['answered', 0, '1003'],
  ]);
});

t.test('expansion timers change who gets a call', async (t) => {
  // The queue asks level 7: only A (8) qualifies, and A talks c0 until 100 s. c1 (10 s) waits for A,
  // unless the level drops to 4 after 30 s: then B (4) takes it at 40 s.
  const day: RecordedDay = {
    ...twoAgents(),
    queues: [queue('q', { skills: [{ skillId: 'talk', minLevel: 7 }] })],
    agents: [agent('1001', 8), agent('1002', 4)],
    calls: [call('c0', 0, 0, { agentId: '1001', talk: 100 }), call('c1', 10, 90, { agentId: '1001', talk: 20 })],
  };
  t.same(waitsOf(day), [['answered', 0, '1001'], ['answered', 90, '1001']]);
  t.same(waitsOf(day, { queues: [{ queueId: 'q', expansion: [{ afterSecs: 30, minLevel: 4 }] }] }), [['answered', 0, '1001'], ['answered', 30, '1002']]);
  t.same(waitsOf(day, { queues: [{ queueId: 'q', skills: [{ skillId: 'talk', minLevel: 4 }] }] }), [['answered', 0, '1001'], ['answered', 0, '1002']], 'a lower threshold serves it at once');
});

t.test('a caller gives up at their recorded patience, unless the replay answers them first', async (t) => {
  // One agent busy 0–60 s; c2 arrives at 10 s and gave up after 15 s.
  const day: RecordedDay = { ...twoAgents(), agents: [agent('1001')], intervals: [ready('1001')], calls: [call('c1', 0, 0, { agentId: '1001', talk: 60 }), call('c2', 10, 15, 'abandoned')] };
  const recorded = run(day);
  t.equal(recorded.replayedUnchanged.overall.abandonRate, 1 / 2);
  t.same(recorded.validation.overall.abandonRatePoints, 0);
  const staffed = run(day, { addAgents: [{ id: '1002', skills: [{ skillId: 'talk', level: 3 }] }] });
  t.equal(staffed.predicted.overall.abandonRate, 0);
  t.equal(staffed.predicted.overall.answered, 2, 'the caller who gave up is answered, with the queue\'s mean talk time');
  t.equal(staffed.predicted.overall.ahtSeconds, 60);
});

t.test('a caller who was answered quickly gives up when the replay makes them wait past a patience the day makes likely', async (t) => {
  // Both agents busy 0–100 s; five callers give up after 10–18 s; c3 arrives at 95 s and is answered after 5 s.
  const gaveUp = [10, 12, 14, 16, 18].map((wait, i) => call(`a${i}`, i + 1, wait, 'abandoned'));
  const day: RecordedDay = {
    ...twoAgents(),
    calls: [call('c1', 0, 0, { agentId: '1001', talk: 100 }), call('c2', 0, 0, { agentId: '1002', talk: 100 }), ...gaveUp, call('c3', 95, 5, { agentId: '1001', talk: 10 })],
  };
  t.same(waitsOf(day).at(-1), ['answered', 5, '1001'], 'unchanged, c3 is answered as recorded');
  const [outcome, wait] = waitsOf(day, { queues: [{ queueId: 'q', wrapupSecs: 60 }] }).at(-1) ?? [];
  // Everyone still waiting at 5 s gave up by 18 s: c3, kept 65 s by the wrap-up, gives up at one of those times.
  t.equal(outcome, 'abandoned', 'with a 60 s wrap-up c3 would have had to wait 65 s');
  t.ok([10, 12, 14, 16, 18].includes(wait as number), `after a patience the day saw (${wait} s)`);
});

t.test('agents come and go as their timeline says; a busy agent finishes the call first', async (t) => {
  // A: Ready 0 s, Not ready (break) 30–200 s, logged out at 400 s. c1 (0 s, 60 s talk) runs past the
  // break's start, so A takes the break at 60 s and is back at 200 s for c2 (arrived 70 s).
  const intervals: RecordedInterval[] = [
    { agentId: '1001', state: 'LoggedOut', reason: null, from: at(-100), to: at(0) },
    { agentId: '1001', state: 'Ready', reason: null, from: at(0), to: at(30) },
    { agentId: '1001', state: 'NotReady', reason: 'break', from: at(30), to: at(200) },
    { agentId: '1001', state: 'Ready', reason: null, from: at(200), to: at(400) },
    { agentId: '1001', state: 'LoggedOut', reason: null, from: at(400), to: null },
  ];
  const day: RecordedDay = { ...twoAgents(), agents: [agent('1001')], intervals, calls: [call('c1', 0, 0, { agentId: '1001', talk: 60 }), call('c2', 70, 130, { agentId: '1001', talk: 10 })] };
  t.same(waitsOf(day), [['answered', 0, '1001'], ['answered', 130, '1001']]);
  const states = replay(day, recordedScenario(day)).intervals.filter((i) => i.agentId === '1001').map((i) => [i.state, (i.from - T0) / 1000]);
  // The call ends in Ready (no wrap-up) and the break follows at the same instant, before any dispatch.
  t.same(states.slice(1), [['Ready', 0], ['Reserved', 0], ['OnCall', 0], ['Ready', 60], ['NotReady', 60], ['Ready', 200], ['Reserved', 200], ['OnCall', 200], ['Ready', 210], ['LoggedOut', 400]]);
});

t.test('wrap-up keeps the agent\'s habit of ending early or extending', async (t) => {
  // Wrap-up 30 s. c1's agent ended it after 10 s, c2's extended it to 45 s.
  const day: RecordedDay = {
    ...twoAgents(),
    queues: [queue('q', { wrapupSecs: 30 })],
    calls: [call('c1', 0, 0, { agentId: '1001', talk: 60, wrapUp: 10 }), call('c2', 0, 0, { agentId: '1002', talk: 60, wrapUp: 45 }), call('c3', 20, 50, { agentId: '1001', talk: 10, wrapUp: 30 })],
  };
  const calls = replay(day, recordedScenario(day)).calls;
  t.same(calls.map((c) => [c.waitSeconds, c.wrapUpSeconds]), [[0, 10], [0, 45], [50, 30]]);
  // Raised to 60 s, the same habits give 40 s and 75 s: c3 now waits for A until 100 s.
  const longer = replay(day, changedScenario(recordedScenario(day), { queues: [{ queueId: 'q', wrapupSecs: 60 }] }, new Set(['talk']))).calls;
  t.same(longer.map((c) => [c.waitSeconds, c.wrapUpSeconds]), [[0, 40], [0, 75], [80, 60]]);
});

t.test('a ring timeout shorter than the agent takes to answer sends the caller on at max wait', async (t) => {
  const day: RecordedDay = { ...twoAgents(), queues: [queue('q', { maxWaitSecs: 60 })], calls: [call('c1', 0, 8, { agentId: '1001', talk: 30, ring: 8 })] };
  t.same(waitsOf(day), [['answered', 8, '1001']]);
  t.same(waitsOf(day, { queues: [{ queueId: 'q', ringTimeoutSecs: 5 }] }), [['overflowed', 60, null]]);
});

t.test('an overflow moves the caller on to the target queue, or to voicemail', async (t) => {
  // Nobody has q2's skill: after 10 s its callers overflow to q, where A answers them.
  const day: RecordedDay = {
    ...twoAgents(),
    queues: [queue('q'), queue('q2', { skills: [{ skillId: 'rare', minLevel: 1 }], maxWaitSecs: 10, overflow: { kind: 'queue', queueId: 'q' } })],
    skills: ['talk', 'rare'],
    calls: [{ ...call('c1', 0, 10, { agentId: '1001', talk: 30 }), entryQueueId: 'q2' }],
  };
  const result = run(day);
  t.same(calls(result.replayedUnchanged), calls(result.actual));
  t.same(result.queueIds, ['q']);
  const toVoicemail = { ...day, queues: [queue('q'), { ...(day.queues[1] as Queue), overflow: { kind: 'voicemail' } as const }] };
  t.same(waitsOf(toVoicemail), [['voicemail', 10, null]]);
  const full = run({ ...day, queues: [queue('q', { maxWaiting: 1 }), day.queues[1] as Queue], calls: [...day.calls, { ...call('c2', 0, 10, { agentId: '1002', talk: 30 }), entryQueueId: 'q2' }] }, { removeAgents: ['1002'] });
  t.equal(full.predicted.overall.overflowed, 1, 'the target queue is full for the second caller');
});

t.test('changes naming what does not exist are refused, naming the field', async (t) => {
  const refused = (changes: WhatIfChanges, field: string) => {
    const error = (() => {
      try {
        run(twoAgents(), changes);
      } catch (thrown) {
        return thrown;
      }
      return undefined;
    })();
    t.ok(error instanceof ReportRequestError && error.statusCode === 400 && error.message.startsWith(`body/changes/${field} `), `${field}: ${String(error)}`);
  };
  refused({ queues: [{ queueId: 'nope', wrapupSecs: 1 }] }, 'queues/0/queueId');
  refused({ queues: [{ queueId: 'q', skills: [{ skillId: 'juggling', minLevel: 3 }] }] }, 'queues/0/skills/0/skillId');
  refused({ queues: [{ queueId: 'q', expansion: [{ afterSecs: 30, minLevel: 3 }, { afterSecs: 30, minLevel: 2 }] }] }, 'queues/0/expansion/1/afterSecs');
  refused({ removeAgents: ['1002', '1002'] }, 'removeAgents/1');
  refused({ removeAgents: ['4242'] }, 'removeAgents/0');
  refused({ addAgents: [{ id: '1001', skills: [] }] }, 'addAgents/0/id');
  refused({ addAgents: [{ id: '1005', skills: [{ skillId: 'juggling', level: 3 }] }] }, 'addAgents/0/skills/0/skillId');
  refused({ addAgents: [{ id: '1005', skills: [], copyTimelineOf: '4242' }] }, 'addAgents/0/copyTimelineOf');
});
