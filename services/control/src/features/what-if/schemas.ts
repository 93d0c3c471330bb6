import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { AgentSkill, Extension, Queue, Slug } from '@hotline/contracts';
import { KpiDefinition } from '@hotline/contracts/api/reports';
import type { WhatIfAnswer, WhatIfRequest } from './what-if-service.js';

/** Compile-time proof that a schema describes exactly the service's type, so the two cannot drift. */
type Exactly<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

const nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const { wrapupSecs, ringTimeoutSecs, maxWaitSecs, skills, expansion } = Queue.properties;

const QueueChange = Type.Object(
  {
    queueId: Slug,
    wrapupSecs: Type.Optional(wrapupSecs),
    ringTimeoutSecs: Type.Optional(ringTimeoutSecs),
    maxWaitSecs: Type.Optional(maxWaitSecs),
    skills: Type.Optional(skills),
    expansion: Type.Optional(expansion),
  },
  { additionalProperties: false, description: 'settings to try instead of the queue\'s own; absent ones stay' },
);

const AddedAgent = Type.Object(
  {
    id: Extension,
    skills: Type.Array(AgentSkill, { maxItems: 50 }),
    copyTimelineOf: Type.Optional(Type.String({ description: 'keeps this recorded agent\'s hours; absent: Ready all day' })),
  },
  { additionalProperties: false },
);

export const WhatIfBody = Type.Object(
  {
    day: Type.Optional(Type.String({ format: 'date', description: 'a local day, YYYY-MM-DD (or give from and to)' })),
    utcOffsetMinutes: Type.Optional(Type.Integer({ minimum: -720, maximum: 840, description: 'the day\'s local time, e.g. 480 for UTC+8; default 0' })),
    from: Type.Optional(Type.String({ format: 'date-time' })),
    to: Type.Optional(Type.String({ format: 'date-time', description: 'exclusive; at most 7 days after from' })),
    queueIds: Type.Optional(Type.Array(Slug, { minItems: 1, maxItems: 50, description: 'queues to report; every queue is replayed' })),
    definitionVersion: Type.Optional(Type.Integer({ minimum: 1, description: 'KPI definition version; the latest when absent' })),
    changes: Type.Optional(
      Type.Object(
        {
          queues: Type.Optional(Type.Array(QueueChange, { maxItems: 50 })),
          removeAgents: Type.Optional(Type.Array(Type.String(), { maxItems: 1000 })),
          addAgents: Type.Optional(Type.Array(AddedAgent, { maxItems: 1000 })),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
const _bodyMatchesService: Exactly<Static<typeof WhatIfBody>, WhatIfRequest> = true;

const count = Type.Integer({ minimum: 0 });
const Figures = Type.Object({
  offered: count,
  answered: count,
  abandoned: count,
  overflowed: count,
  voicemail: count,
  serviceLevel: nullable(Type.Number()),
  asaSeconds: nullable(Type.Number()),
  abandonRate: nullable(Type.Number()),
  ahtSeconds: nullable(Type.Number()),
  occupancy: nullable(Type.Number({ description: 'overall only: agents serve every queue' })),
});
const FiguresByQueue = Type.Object({ overall: Figures, queues: Type.Array(Type.Object({ queueId: Type.String(), figures: Figures })) });
const Differences = Type.Object({
  serviceLevelPoints: nullable(Type.Number()),
  asaSeconds: nullable(Type.Number()),
  abandonRatePoints: nullable(Type.Number()),
  withinTolerance: Type.Boolean(),
});

export const WhatIfView = Type.Object({
  period: Type.Object({ from: Type.String({ format: 'date-time' }), to: Type.String({ format: 'date-time' }) }),
  definition: KpiDefinition,
  queueIds: Type.Array(Type.String()),
  actual: FiguresByQueue,
  replayedUnchanged: FiguresByQueue,
  predicted: FiguresByQueue,
  validation: Type.Object({
    tolerance: Type.Object({ serviceLevelPoints: Type.Number(), asaSeconds: Type.Number(), asaShare: Type.Number(), abandonRatePoints: Type.Number() }),
    withinTolerance: Type.Boolean({ description: 'the unchanged replay reproduces the recorded figures, overall and per queue' }),
    overall: Differences,
    queues: Type.Array(Type.Object({ queueId: Type.String(), differences: Differences })),
  }),
  assumptions: Type.Array(Type.String()),
});
const _viewMatchesService: Exactly<keyof Static<typeof WhatIfView>, keyof WhatIfAnswer> = true;
