import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ErrorReply } from '@hotline/contracts';
import { startOfDay } from '../live/call-figures.js';

const Period = Type.Object(
  {
    from: Type.Optional(Type.String({ format: 'date-time', description: 'start of the period; the start of today (server time) when absent' })),
    to: Type.Optional(Type.String({ format: 'date-time', description: 'end of the period; now when absent' })),
  },
  { additionalProperties: false },
);
const Report = Type.Object({
  from: Type.Number(),
  to: Type.Number(),
  asteriskCalls: Type.Integer(),
  recorded: Type.Integer(),
  missing: Type.Array(Type.Object({ uniqueid: Type.String(), source: Type.String(), destination: Type.String(), startedAt: Type.Union([Type.Number(), Type.Null()]), disposition: Type.String() })),
});
const DeadLetter = Type.Object({
  queue: Type.String(),
  jobId: Type.String(),
  name: Type.String(),
  failedReason: Type.String(),
  attemptsMade: Type.Integer(),
  failedAt: Type.Union([Type.Number(), Type.Null()]),
  data: Type.Unknown(),
});
const errors = { 400: ErrorReply, 401: ErrorReply, 403: ErrorReply };

/** The record's integrity, for administrators: our calls against Asterisk's CDRs, and jobs that failed for good. */
const integrityRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const admin = app.allow('admin');
  app.get(
    '/reconciliation',
    { schema: { tags: ['integrity'], summary: "Inbound calls in Asterisk's CDRs (AMI) counted against our call records; lists any we have no record of", querystring: Period, response: { 200: Report, ...errors } }, onRequest: admin },
    async (request, reply) => {
      const now = Date.now();
      const from = request.query.from === undefined ? startOfDay(now) : Date.parse(request.query.from);
      const to = request.query.to === undefined ? now : Date.parse(request.query.to);
      if (from >= to) return reply.code(400).send({ statusCode: 400, error: 'Bad Request', message: 'querystring/from must be earlier than querystring/to' });
      return app.repos.reconciliation.report(from, to);
    },
  );
  app.get(
    '/dead-letters',
    {
      schema: {
        tags: ['integrity'],
        summary: 'Jobs that failed for good: payloads that can never succeed (not retried) and jobs out of retries',
        querystring: Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }) }, { additionalProperties: false }),
        response: { 200: Type.Array(DeadLetter), ...errors },
      },
      onRequest: admin,
    },
    async (request) => app.jobs.deadLetters(request.query.limit),
  );
};
export default integrityRoutes;
