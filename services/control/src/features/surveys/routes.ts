import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { outOfScope } from '../auth/team-scope.js';
import { Type } from '@sinclair/typebox';
import { ErrorReply, Extension, Slug } from '@hotline/contracts';

const Followup = Type.Object({
  id: Type.String(),
  callId: Type.String(),
  agentId: Type.Union([Type.String(), Type.Null()]),
  teamId: Type.Union([Type.String(), Type.Null()]),
  customerNumber: Type.Union([Type.String(), Type.Null()]),
  scale: Type.String(),
  score: Type.Integer(),
  status: Type.Union([Type.Literal('open'), Type.Literal('done')]),
  note: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.Unsafe<string | Date>({ type: 'string', format: 'date-time' }),
});
const Scores = Type.Array(Type.Object({ scale: Type.String(), responses: Type.Integer(), average: Type.Number(), nps: Type.Union([Type.Number(), Type.Null()]) }));
const errors = { 400: ErrorReply, 401: ErrorReply, 403: ErrorReply, 404: ErrorReply };

/** Survey results as people act on them: detractor follow-ups for supervisors, running scores. */
const surveyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const supervisors = app.allow('supervisor', 'admin');

  app.get(
    '/followups',
    {
      schema: {
        tags: ['surveys'],
        summary: "Follow-up calls owed to detractors (CSAT 1–2, NPS 0–6); a supervisor sees their team's",
        querystring: Type.Object({ status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('done')])) }, { additionalProperties: false }),
        response: { 200: Type.Array(Followup), ...errors },
      },
      onRequest: supervisors,
    },
    async (request) => {
      const teamId = request.principal?.role === 'supervisor' ? (request.principal.teamId ?? '-') : undefined;
      return app.repos.surveys.followups({ ...(teamId ? { teamId } : {}), ...(request.query.status ? { status: request.query.status } : {}) });
    },
  );

  app.post(
    '/followups/:id/done',
    {
      schema: {
        tags: ['surveys'],
        summary: 'Record that the customer was called back',
        params: Type.Object({ id: Type.String({ pattern: '^[0-9]{1,18}$' }) }),
        body: Type.Object({ note: Type.String({ minLength: 1, maxLength: 2000 }) }, { additionalProperties: false }),
        response: { 200: Followup, ...errors },
      },
      onRequest: supervisors,
    },
    async (request, reply) => {
      const followup = await app.repos.surveys.getFollowup(request.params.id);
      const principal = request.principal;
      if (!followup || (principal?.role === 'supervisor' && followup.teamId !== principal.teamId)) {
        return reply.code(404).send({ statusCode: 404, error: 'Not Found', message: `no follow-up ${request.params.id}` });
      }
      return app.repos.surveys.closeFollowup(followup.id, principal?.username ?? 'unknown', request.body.note);
    },
  );

  app.get(
    '/agents/:id/survey-scores',
    { schema: { tags: ['surveys'], params: Type.Object({ id: Extension }), response: { 200: Scores, ...errors } }, onRequest: app.allow('agent', 'supervisor', 'admin') },
    async (request, reply) => {
      if (!app.scope(request).agent(request.params.id)) return outOfScope(reply, request.params.id);
      return app.repos.surveys.scores('agent', request.params.id);
    },
  );

  app.get(
    '/reports/survey-honesty',
    {
      schema: {
        tags: ['surveys', 'reports'],
        summary: 'Per agent: who hung up first on answered calls, and the survey offer and response rates that follow from it',
        description: 'A survey is offered only when the agent hangs up first. surveyOfferRate = surveys offered ÷ answered calls; surveyResponseRate = surveys answered ÷ offered.',
        querystring: Type.Object({ from: Type.String({ format: 'date-time' }), to: Type.String({ format: 'date-time' }) }, { additionalProperties: false }),
        response: {
          200: Type.Array(Type.Object({
            agentId: Type.String(), answered: Type.Integer(), agentHungUpFirst: Type.Integer(), callerHungUpFirst: Type.Integer(),
            surveysOffered: Type.Integer(), surveysAnswered: Type.Integer(),
            surveyOfferRate: Type.Union([Type.Number(), Type.Null()]), surveyResponseRate: Type.Union([Type.Number(), Type.Null()]),
          })),
          ...errors,
        },
      },
      onRequest: supervisors,
    },
    async (request, reply) => {
      const from = Date.parse(request.query.from);
      const to = Date.parse(request.query.to);
      if (from >= to) return reply.code(400).send({ statusCode: 400, error: 'Bad Request', message: 'querystring/from must be earlier than querystring/to' });
      const teamId = request.principal?.role === 'supervisor' ? (request.principal.teamId ?? '-') : undefined;
      return app.repos.surveys.honesty(from, to, teamId);
    },
  );

  app.get(
    '/queues/:id/survey-scores',
    { schema: { tags: ['surveys'], params: Type.Object({ id: Slug }), response: { 200: Scores, ...errors } }, onRequest: supervisors },
    async (request) => app.repos.surveys.scores('queue', request.params.id),
  );
};
export default surveyRoutes;
