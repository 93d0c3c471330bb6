import t from 'tap';
import { KPI_DEFINITION_V1, computeFigures, report, reportToCsv, type KpiDefinition, type KpiFigures } from '../src/index.js';
import { c2, calls, intervals, observedUntil } from './fixtures/day.js';
import { MINUTE, T0, span } from './fixtures/records.js';

const definition = KPI_DEFINITION_V1;
const noFigures: KpiFigures = {
  offered: 0,
  answered: 0,
  abandoned: 0,
  shortAbandoned: 0,
  overflowed: 0,
  voicemail: 0,
  blocked: 0,
  serviceLevel: null,
  asaSeconds: null,
  ahtSeconds: null,
  averageWrapUpSeconds: null,
  abandonRate: null,
  longestWaitSeconds: null,
  estimateErrorSeconds: null,
  callbacksRequested: 0,
  callbacksCompleted: 0,
  callbacksFailed: 0,
  callbackCompletionRate: null,
  callbackSpeedSeconds: null,
  outboundCalls: 0,
  outboundConnected: 0,
  outboundConnectRate: null,
  outboundTalkSeconds: null,
  fcrRate: null,
  fcrPending: 0,
  occupancy: null,
  callsPerAgent: null,
  csatAverage: null,
  csatSatisfiedRate: null,
  nps: null,
  surveyOfferRate: null,
  surveyResponseRate: null,
};

t.test('every figure of the morning, hand-computed', async (t) => {
  const result = report(calls, intervals, { definition, observedUntil });
  t.equal(result.definition, definition, 'the report carries its definition');
  t.same(result.rows, [
    {
      group: null,
      bucket: null,
      figures: {
        offered: 4, // c5 is a short abandon (2 s < 5 s) and V1 leaves it out
        answered: 3,
        abandoned: 1,
        shortAbandoned: 1,
        overflowed: 0,
        voicemail: 0,
        blocked: 0,
        serviceLevel: 2 / 4, // c1 (10 s) and c4 (5 s) within 20 s; c3 waited 25 s
        asaSeconds: (10 + 25 + 5) / 3,
        ahtSeconds: (120 + 240 + 80) / 3,
        averageWrapUpSeconds: (20 + 10 + 20) / 3,
        abandonRate: 1 / 4,
        longestWaitSeconds: 40, // c2
        estimateErrorSeconds: null,
        fcrRate: 2 / 3, // c1 repeated by c4; c3 and c4 resolved
        fcrPending: 0,
        occupancy: (15 + 10 + 0) / (60 + 30 + 30),
        callsPerAgent: 3 / 2, // a1 answered 2, a2 answered 1
        csatAverage: 5,
        csatSatisfiedRate: 1,
        nps: 100,
        surveyOfferRate: 2 / 3, // c1 and c3 of 3 answered
        surveyResponseRate: 2 / 2,
        callbacksRequested: 0,
        callbacksCompleted: 0,
        callbacksFailed: 0,
        callbackCompletionRate: null,
        callbackSpeedSeconds: null,
        outboundCalls: 0,
        outboundConnected: 0,
        outboundConnectRate: null,
        outboundTalkSeconds: null,
      },
    },
  ]);
});

t.test('the same calls under two definition versions give different service levels', async (t) => {
  const v2: KpiDefinition = { ...KPI_DEFINITION_V1, version: 2, slThresholdSeconds: 30, shortAbandonsCountAsOffered: true };
  const underV1 = report(calls, intervals, { definition: KPI_DEFINITION_V1 });
  const underV2 = report(calls, intervals, { definition: v2 });
  t.equal(underV1.rows[0]?.figures.serviceLevel, 2 / 4, 'V1: 2 within 20 s of 4 offered');
  t.equal(underV2.rows[0]?.figures.serviceLevel, 3 / 5, 'V2: c1, c3, c4 within 30 s of 5 offered (c5 counts)');
  t.equal(underV1.definition.version, 1);
  t.equal(underV2.definition.version, 2);
});

t.test('per queue per 30 minutes', async (t) => {
  const result = report(calls, intervals, { definition, groupBy: 'queue', bucket: '30m', observedUntil });
  const summary = result.rows.map((row) => [row.group, (row.bucket?.start ?? 0) - T0, row.figures.offered, row.figures.serviceLevel]);
  t.same(summary, [
    ['sales', 0, 2, 1 / 2], // c1 within, c2 abandoned after 40 s
    ['sales', 30 * MINUTE, 1, 0], // c3 waited 25 s
    ['support', 0, 1, 1], // c4
    ['support', 30 * MINUTE, 0, null], // only the short abandon c5
  ]);
  t.equal(result.rows[3]?.figures.shortAbandoned, 1);
  t.ok(result.rows.every((row) => row.figures.occupancy === null), 'agent time cannot be split between queues');
});

t.test('per agent, with unanswered calls in a null row', async (t) => {
  const result = report(calls, intervals, { definition, groupBy: 'agent', observedUntil });
  const summary = result.rows.map((row) => [row.group, row.figures.offered, row.figures.occupancy, row.figures.fcrRate]);
  t.same(summary, [
    [null, 1, null, null], // c2 (c5 is short)
    ['a1', 2, 15 / 60, 1 / 2], // c1 repeated, c4 resolved
    ['a2', 1, 10 / 30, 1],
    ['a3', 0, 0, null], // staffed, took no calls
  ]);
  t.equal(result.rows.reduce((total, row) => total + row.figures.offered, 0), 4, 'rows add up to the total');
});

t.test('per team: calls go to the answering agent\'s team, agents without one to the null row', async (t) => {
  const teamOfAgent = new Map([['a1', 'north'], ['a2', 'north']]); // a3 has no team
  const result = report(calls, intervals, { definition, groupBy: 'team', teamOfAgent, observedUntil });
  const summary = result.rows.map((row) => [row.group, row.figures.offered, row.figures.occupancy, row.figures.callsPerAgent, row.figures.fcrRate]);
  t.same(summary, [
    [null, 1, 0, null, null], // c2; a3 staffed 30, handling 0
    ['north', 3, (15 + 10) / (60 + 30), 3 / 2, 2 / 3], // c1 c3 c4 by a1 and a2; c1 repeated
  ]);
  t.match(reportToCsv(result), /^team_id,offered,/, 'the CSV names the group column');
});

t.test('a filter narrows the calls, yet repeats elsewhere still count for FCR', async (t) => {
  const [sales, ...others] = report(calls, intervals, { definition, filter: { queueId: 'sales' }, observedUntil }).rows;
  t.same(others, []);
  t.equal(sales?.figures.offered, 3, 'c1, c2 and c3');
  t.equal(sales?.figures.fcrRate, 1 / 2, 'c1 repeated by c4, in support; c3 resolved');
  t.equal(sales?.figures.occupancy, null, 'agent time cannot be split between queues');
  const byA1 = report(calls, intervals, { definition, groupBy: 'agent', filter: { agentId: 'a1' }, observedUntil }).rows;
  t.same(
    byA1.map((row) => [row.group, row.figures.offered, row.figures.occupancy, row.figures.fcrRate]),
    [['a1', 2, 15 / 60, 1 / 2]],
    'only a1: c1 and c4, and its own time',
  );
});

t.test('agent time is split across buckets', async (t) => {
  // a1's ready 20–60 falls 10 min in the first half hour and 30 min in the second
  const result = report(calls, intervals, { definition, bucket: '30m', observedUntil });
  t.same(
    result.rows.map((row) => [(row.bucket?.start ?? 0) - T0, row.figures.offered, row.figures.occupancy]),
    [
      [0, 3, 15 / (30 + 0 + 30)], // c1 c2 c4; a1 staffed 30 handling 15, a3 staffed 30
      [30 * MINUTE, 1, 10 / (30 + 30)], // c3; a1 ready 30, a2 staffed 30 handling 10
    ],
  );
});

t.test('a period reports its own calls and time but sees repeats after it', async (t) => {
  // 08:00–08:09 holds only c1; c4 at 08:10 lies outside, yet shows c1 was not resolved.
  const period = { start: T0, end: T0 + 9 * MINUTE };
  const [row, ...others] = report(calls, intervals, { definition, period, observedUntil }).rows;
  t.same(others, []);
  t.equal(row?.figures.offered, 1);
  t.equal(row?.figures.fcrRate, 0);
  // clipped to 9 minutes: a1 ready 5 + on-call 4, a3 ready 9 ⇒ 4 / 18
  t.equal(row?.figures.occupancy, 4 / 18);
});

t.test('FCR defaults to data ending at the last call, so late calls are pending', async (t) => {
  const result = report(calls, intervals, { definition });
  t.equal(result.observedUntil, T0 + 50 * MINUTE + 2000, 'c5 ends last');
  t.equal(result.rows[0]?.figures.fcrRate, 0, 'c1 repeated; nothing yet resolved');
  t.equal(result.rows[0]?.figures.fcrPending, 2, "c3's and c4's windows are still open");
});

t.test('no calls: no NaN, only nulls and zeros', async (t) => {
  const empty = report([], [], { definition });
  t.same(empty.rows, []);
  t.equal(empty.observedUntil, null);
  t.same(computeFigures([], [], definition, new Map()), noFigures);
  const loggedOut = report([], [span('a1', 'logged-out', 0, 60)], { definition, groupBy: 'agent' });
  t.same(loggedOut.rows, [{ group: 'a1', bucket: null, figures: noFigures }], 'zero staffed time gives null occupancy');
});

t.test('all abandoned', async (t) => {
  const [row] = report([c2], [], { definition }).rows;
  t.same(row?.figures, { ...noFigures, offered: 1, abandoned: 1, serviceLevel: 0, abandonRate: 1, longestWaitSeconds: 40 });
});
