import { Type, type Static } from '@sinclair/typebox';
import { Slug } from './entities.js';

/** One weighted criterion of a QA form. */
export const QaCriterion = Type.Object(
  { id: Slug, label: Type.String({ minLength: 1, maxLength: 120 }), weight: Type.Integer({ minimum: 1, maximum: 100 }) },
  { additionalProperties: false },
);

/** A QA review form (GET /qa/forms). */
export const QaForm = Type.Object({ id: Slug, name: Type.String({ minLength: 1, maxLength: 80 }), criteria: Type.Array(QaCriterion, { minItems: 1, maxItems: 20 }) });
export type QaForm = Static<typeof QaForm>;

/** A call offered to a QA reviewer: answered, recorded, not yet reviewed (GET /qa/sample). */
export const QaSampleCall = Type.Object({
  callId: Type.String(),
  agentId: Type.String(),
  queueId: Type.Union([Type.String(), Type.Null()]),
  customerNumber: Type.Union([Type.String(), Type.Null()]),
  enqueuedAt: Type.Number(),
  recordingId: Type.String(),
});
export type QaSampleCall = Static<typeof QaSampleCall>;
