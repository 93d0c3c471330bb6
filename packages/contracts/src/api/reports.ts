import { Type, type Static } from '@sinclair/typebox';
import { Extension, Slug } from '../entities.js';
import { nullable } from './nullable.js';

// The KPI shapes here are proved equal to @hotline/kpi's types in the control service
// (features/reports/contract-checks.ts), so that this package depends on nothing of ours.


export const KpiDefinitionRules = Type.Object(
  {
    slThresholdSeconds: Type.Integer({ minimum: 1, maximum: 3600, description: 'answered "within" means a wait of at most this' }),
    shortAbandonSeconds: Type.Integer({ minimum: 0, maximum: 600, description: 'an abandon with a wait under this is short' }),
    shortAbandonsCountAsOffered: Type.Boolean({ description: 'when false, short abandons are left out of offered, abandoned and every rate' }),
    fcrWindowHours: Type.Integer({ minimum: 1, maximum: 720, description: 'a repeat call from the same number within this after the end makes a call unresolved' }),
    slFormula: Type.Union([Type.Literal('answered-within / offered'), Type.Literal('answered-within / answered'), Type.Literal('answered-within / (offered - abandoned-within)'), Type.Literal('(answered-within + abandoned-within) / offered')]),
    occupancyCountsReserved: Type.Boolean({ description: 'whether ringing at the agent counts as handling time' }),
  },
  { additionalProperties: false },
);

export const KpiDefinition = Type.Object({ version: Type.Integer({ minimum: 1 }), ...KpiDefinitionRules.properties });

export const StoredKpiDefinition = Type.Object({
  ...KpiDefinition.properties,
  createdAt: Type.String({ format: 'date-time' }),
  createdBy: nullable(Type.String()),
});

const count = Type.Integer({ minimum: 0 });
const share = nullable(Type.Number());
export const KpiFigures = Type.Object({
  offered: count,
  answered: count,
  abandoned: count,
  shortAbandoned: count,
  overflowed: count,
  voicemail: count,
  blocked: count,
  serviceLevel: share,
  asaSeconds: share,
  ahtSeconds: share,
  averageWrapUpSeconds: share,
  abandonRate: share,
  longestWaitSeconds: share,
  estimateErrorSeconds: share,
  fcrRate: share,
  fcrPending: count,
  occupancy: share,
  callsPerAgent: share,
  csatAverage: share,
  csatSatisfiedRate: share,
  nps: share,
  surveyOfferRate: share,
  surveyResponseRate: share,
  callbacksRequested: count,
  callbacksCompleted: count,
  callbacksFailed: count,
  callbackCompletionRate: share,
  callbackSpeedSeconds: share,
  outboundCalls: count,
  outboundConnected: count,
  outboundConnectRate: share,
  outboundTalkSeconds: share,
});

const GroupBy = Type.Union([Type.Literal('none'), Type.Literal('queue'), Type.Literal('agent'), Type.Literal('team')], { default: 'none' });
const Bucket = Type.Union([Type.Literal('15m'), Type.Literal('30m'), Type.Literal('60m'), Type.Literal('day'), Type.Literal('week'), Type.Literal('month'), Type.Literal('none')], { default: 'none' });
const LocalTime = Type.String({ format: 'date-time', description: 'ISO 8601 at the report\'s UTC offset' });

export const KpiReportQuery = Type.Object(
  {
    from: Type.String({ format: 'date-time', description: 'start of the period, inclusive, e.g. 2024-05-06T00:00:00+08:00' }),
    to: Type.String({ format: 'date-time', description: 'end of the period, exclusive; at most 366 days after from' }),
    groupBy: Type.Optional(GroupBy),
    bucket: Type.Optional(Bucket),
    utcOffsetMinutes: Type.Optional(Type.Integer({ minimum: -720, maximum: 840, default: 0, description: 'local time of buckets (weeks start on Monday), e.g. 480 for UTC+8' })),
    definitionVersion: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647, description: 'KPI definition version; the latest when absent' })),
    queueId: Type.Optional(Slug),
    agentId: Type.Optional(Extension),
    format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')], { default: 'json' })),
  },
  { additionalProperties: false },
);
export type KpiReportQuery = Static<typeof KpiReportQuery>;

export const KpiReportView = Type.Object({
  definition: KpiDefinition,
  period: Type.Object({ from: LocalTime, to: LocalTime }),
  groupBy: GroupBy,
  bucket: Bucket,
  utcOffsetMinutes: Type.Integer(),
  filter: Type.Object({ queueId: Type.Optional(Type.String()), agentId: Type.Optional(Type.String()) }),
  observedUntil: Type.String({ format: 'date-time', description: 'FCR: calls whose window reaches past this are pending' }),
  rows: Type.Array(
    Type.Object({
      group: nullable(Type.String({ description: 'queue, agent or team id; null for groupBy none and for unanswered calls per agent or team' })),
      bucketStart: nullable(LocalTime),
      bucketEnd: nullable(LocalTime),
      figures: KpiFigures,
    }),
  ),
});
export type KpiReportView = Static<typeof KpiReportView>;

const positive = (maximum: number, description: string) => Type.Number({ exclusiveMinimum: 0, maximum, description });
const arrivals = {
  calls: Type.Number({ minimum: 0, maximum: 1_000_000, description: 'calls arriving per interval' }),
  intervalSecs: positive(86_400, 'length of the interval, seconds'),
  ahtSecs: positive(86_400, 'average handle time, seconds'),
  targetSecs: Type.Number({ minimum: 0, maximum: 3600, description: 'service-level threshold, seconds' }),
};
export const ErlangCQuery = Type.Object(
  { ...arrivals, agents: Type.Integer({ minimum: 0, maximum: 100_000, description: 'agents on the phones' }) },
  { additionalProperties: false },
);
export const StaffingQuery = Type.Object(
  { ...arrivals, targetServiceLevel: Type.Number({ exclusiveMinimum: 0, exclusiveMaximum: 1, description: 'e.g. 0.8 for 80 %' }) },
  { additionalProperties: false },
);
export type ErlangCQuery = Static<typeof ErlangCQuery>;
export type StaffingQuery = Static<typeof StaffingQuery>;

export const ErlangCView = Type.Object({
  agents: Type.Integer(),
  trafficErlangs: Type.Number(),
  waitProbability: Type.Number(),
  serviceLevel: Type.Number(),
  asaSeconds: nullable(Type.Number({ description: 'null when agents ≤ traffic: the queue grows without bound' })),
  occupancy: Type.Number(),
});
export type ErlangCView = Static<typeof ErlangCView>;
