import { Type, type Static } from '@sinclair/typebox';
import { nullable } from './nullable.js';

/** Why an agent is not a candidate for a call (the engine's SkipReason). */
export const SkipReason = Type.Union([
  Type.Object({ kind: Type.Literal('skill-below-threshold'), skill: Type.String(), level: Type.Number(), required: Type.Number() }),
  Type.Object({ kind: Type.Literal('logged-out') }),
  Type.Object({ kind: Type.Literal('not-ready'), reason: Type.String() }),
  Type.Object({ kind: Type.Literal('device-offline') }),
  Type.Object({ kind: Type.Literal('wrap-up'), until: nullable(Type.Number()) }),
  Type.Object({ kind: Type.Literal('busy'), state: Type.Union([Type.Literal('Reserved'), Type.Literal('OnCall')]), callId: nullable(Type.String()) }),
]);
export type SkipReason = Static<typeof SkipReason>;

const Candidate = Type.Object({ agentId: Type.String(), skillScore: Type.Number(), idleSince: Type.Number() });

/**
 * Every agent's standing for one call at one moment: what the call asked for, who could take it in
 * the order they would be picked, and why each other agent could not. The moment's other fields are
 * optional: offers stored by older versions kept less of them.
 */
export const RoutingStanding = Type.Object({
  thresholds: Type.Array(Type.Object({ skill: Type.String(), minLevel: Type.Number() })),
  candidates: Type.Array(Candidate),
  skipped: Type.Array(Type.Object({ agentId: Type.String(), reason: SkipReason })),
  skippedCounts: Type.Optional(Type.Record(Type.String(), Type.Integer())),
  callId: Type.Optional(Type.String()),
  queueId: Type.Optional(Type.String()),
  strategy: Type.Optional(Type.String()),
  at: Type.Optional(Type.Number()),
  waitedMs: Type.Optional(Type.Number()),
  offeredTo: Type.Optional(nullable(Type.String())),
  /** At an offer: the agent picked, with the keys that ordered them first. */
  picked: Type.Optional(Candidate),
});
export type RoutingStanding = Static<typeof RoutingStanding>;

/** GET /calls/:id/routing: the standing now while the call waits, and at each offer made. */
export const CallRouting = Type.Object({
  callId: Type.String(),
  now: nullable(RoutingStanding),
  offers: Type.Array(Type.Object({ at: Type.String(), agentId: Type.String(), routing: nullable(RoutingStanding) })),
});
export type CallRouting = Static<typeof CallRouting>;
