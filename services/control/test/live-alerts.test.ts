import t from 'tap';
import { KPI_DEFINITION_V1, type CallRecord } from '@hotline/kpi';
import type { Queue } from '@hotline/contracts';
import { AlertBoard, evaluateAlerts } from '../src/features/live/alerts.js';
import { CallFigures, startOfDay } from '../src/features/live/call-figures.js';
import { demoQueues } from '../src/demo/demo-config.js';

const general = demoQueues[0] as Queue;
const t0 = startOfDay(Date.UTC(2026, 10, 23, 12)) + 12 * 3_600_000;
const ended = (offset: number, outcome: CallRecord['outcome'], waitSeconds: number): CallRecord => ({
  queueId: 'general', agentId: outcome === 'answered' ? '1001' : null, customerNumber: '555', enqueuedAt: t0 + offset,
  answeredAt: outcome === 'answered' ? t0 + offset + waitSeconds * 1000 : null, endedAt: t0 + offset + 60_000, outcome, waitSeconds,
  ringSeconds: 0, talkSeconds: 50, holdSeconds: 0, wrapUpSeconds: 0, survey: null, surveyOffered: false,
});

t.test('day figures use the KPI definitions with the queue threshold; a new day starts empty', async (t) => {
  const figures = new CallFigures(startOfDay(t0), KPI_DEFINITION_V1);
  figures.add(ended(0, 'answered', 10));
  figures.add(ended(1000, 'answered', 30));
  figures.add(ended(2000, 'abandoned', 40));
  figures.add(ended(3000, 'abandoned', 2)); // short abandon: not offered under definition v1
  figures.add({ ...ended(0, 'answered', 1), enqueuedAt: startOfDay(t0) - 1 }); // yesterday
  const day = figures.figures('general', 20);
  t.same(day, { offered: 3, answered: 2, abandoned: 1, serviceLevel: 1 / 3, abandonRate: 1 / 3, asaSeconds: 20 });
  t.equal(figures.figures('general', 30).serviceLevel, 2 / 3, "the queue's threshold counts");
  figures.reset(startOfDay(t0) + 86_400_000);
  t.equal(figures.figures('general', 20).offered, 0);
});

t.test('alerts: service level, abandon rate, long wait and stuck agents, each raised once and cleared', async (t) => {
  const figures = new CallFigures(startOfDay(t0), KPI_DEFINITION_V1);
  for (let i = 0; i < 6; i++) figures.add(ended(i * 1000, i < 3 ? 'abandoned' : 'answered', 60));
  const now = t0 + 10 * 60_000;
  const input = {
    now,
    queues: [general],
    recent: (id: string) => figures.figures(id, general.slThresholdSecs, now - 30 * 60_000),
    waiting: [{ callId: 'c9', queueId: 'general', since: now - 200_000 }, { callId: 'c8', queueId: 'general', since: now - 5_000 }],
    agents: [
      { id: '1001', state: 'not-ready', since: now - 3_600_000, queueIds: ['general'] },
      { id: '1002', state: 'ready', since: now - 3_600_000, queueIds: ['general'] },
      { id: '1003', state: 'on-call', since: now - 60_000, queueIds: ['general'] },
    ],
  };
  const kinds = evaluateAlerts(input).map((a) => a.key.split(':').slice(0, 2).join(':'));
  t.same(kinds.sort(), ['abandon-rate:general', 'agent-stuck:1001', 'long-wait:c9', 'service-level:general']);
  const board = new AlertBoard();
  t.equal(board.update(evaluateAlerts(input), now).raised.length, 4);
  t.equal(board.update(evaluateAlerts(input), now + 5000).raised.length, 0, 'a lasting condition is not raised again');
  const calmer = { ...input, waiting: [], agents: [] };
  const { cleared } = board.update(evaluateAlerts(calmer), now + 10_000);
  t.same(cleared.sort(), ['agent-stuck:1001:not-ready:' + String(now - 3_600_000), 'long-wait:c9']);
  const quiet = { ...calmer, recent: () => ({ offered: 2, answered: 0, abandoned: 2, serviceLevel: 0, abandonRate: 1, asaSeconds: null }) };
  t.same(evaluateAlerts(quiet), [], 'too few calls to judge a rate');
});
