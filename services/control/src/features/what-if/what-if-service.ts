import {
  createAgentRepository, createDirectoryRepository, createKpiDefinitionRepository, createQueueRepository, createRecordedDayRepository, type Pool,
} from '@hotline/db';
import type { KpiDefinition, TimeSpan } from '@hotline/kpi';
import { ReportRequestError } from '../reports/request-error.js';
import type { RecordedDay } from './recorded-day.js';
import type { WhatIfChanges } from './scenario.js';
import { whatIf, type WhatIfResult } from './what-if.js';

const DAY_MS = 86_400_000;
/** A week of calls is the most one request replays in memory (twice). */
const MAX_PERIOD_DAYS = 7;

export interface WhatIfRequest {
  /** A local day, with `utcOffsetMinutes`; or `from` and `to`. */
  day?: string;
  utcOffsetMinutes?: number;
  from?: string;
  to?: string;
  queueIds?: string[];
  definitionVersion?: number;
  changes?: WhatIfChanges;
}

export type WhatIfAnswer = WhatIfResult & { period: { from: string; to: string }; definition: KpiDefinition };

function periodOf(request: WhatIfRequest): TimeSpan {
  if (request.day !== undefined) {
    if (request.from !== undefined || request.to !== undefined) throw new ReportRequestError(400, 'body/day: give either day or from and to, not both');
    const start = Date.parse(`${request.day}T00:00:00Z`) - (request.utcOffsetMinutes ?? 0) * 60_000;
    if (Number.isNaN(start)) throw new ReportRequestError(400, 'body/day must be a date, YYYY-MM-DD');
    return { start, end: start + DAY_MS };
  }
  if (request.from === undefined || request.to === undefined) throw new ReportRequestError(400, 'body/day (or body/from and body/to) is required');
  const start = Date.parse(request.from);
  const end = Date.parse(request.to);
  if (!(start < end)) throw new ReportRequestError(400, 'body/from must be earlier than body/to');
  if (end - start > MAX_PERIOD_DAYS * DAY_MS) throw new ReportRequestError(400, `body/to must be at most ${MAX_PERIOD_DAYS} days after body/from`);
  return { start, end };
}

/** What-if replays of recorded days, read from PostgreSQL, under a stored KPI definition. */
export function createWhatIfService(pool: Pool) {
  const recorded = createRecordedDayRepository(pool);
  const queues = createQueueRepository(pool);
  const agents = createAgentRepository(pool);
  const directory = createDirectoryRepository(pool);
  const definitions = createKpiDefinitionRepository(pool);

  async function recordedDay(period: TimeSpan): Promise<RecordedDay> {
    const [calls, intervals, queueList, agentList, skills] = await Promise.all([
      recorded.calls(period), recorded.agentStateIntervals(period), queues.list(), agents.list(), directory.listSkills(),
    ]);
    return { period, queues: queueList, agents: agentList, skills: skills.map((skill) => skill.id), calls, intervals };
  }

  async function definitionFor(version: number | undefined): Promise<KpiDefinition> {
    const stored = version === undefined ? await definitions.latest() : await definitions.get(version);
    if (!stored) throw new ReportRequestError(404, `body/definitionVersion: no KPI definition version ${version ?? '(none stored)'}`);
    return stored.definition;
  }

  return {
    /** The period's recorded calls and agent timelines with today's configuration (also what a fixture is exported from). */
    recordedDay: (request: WhatIfRequest) => recordedDay(periodOf(request)),

    async run(request: WhatIfRequest, now: number): Promise<WhatIfAnswer> {
      const period = periodOf(request);
      const [day, definition] = await Promise.all([recordedDay(period), definitionFor(request.definitionVersion)]);
      request.queueIds?.forEach((queueId, i) => {
        if (!day.queues.some((queue) => queue.id === queueId)) throw new ReportRequestError(400, `body/queueIds/${i} names no queue '${queueId}'`);
      });
      const result = whatIf(day, request.changes ?? {}, definition, request.queueIds, now);
      return { period: { from: new Date(period.start).toISOString(), to: new Date(period.end).toISOString() }, definition, ...result };
    },
  };
}
export type WhatIfService = ReturnType<typeof createWhatIfService>;
