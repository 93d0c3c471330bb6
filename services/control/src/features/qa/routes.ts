import { ErrorReply, Extension, QaForm, QaSampleCall, Slug } from '@hotline/contracts';
import { qaTotal } from '@hotline/kpi';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';

const QaFormBody = Type.Object({ name: QaForm.properties.name, criteria: QaForm.properties.criteria }, { additionalProperties: false });
const QaReview = Type.Object({
  id: Type.String(), callId: Type.String(), agentId: Type.String(), formId: Type.String(), reviewer: Type.String(),
  scores: Type.Record(Type.String(), Type.Integer()), total: Type.Number(), comment: Type.String(), reviewedAt: Type.Unsafe<string>({ type: 'string' }),
});
const ReviewBody = Type.Object(
  {
    formId: Slug,
    scores: Type.Record(Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,39}$' }), Type.Integer({ minimum: 0, maximum: 5 }), { maxProperties: 20 }),
    comment: Type.String({ maxLength: 4000, default: '' }),
  },
  { additionalProperties: false },
);
const Days = Type.Integer({ minimum: 1, maximum: 90, default: 7, description: 'the period: this many days up to now' });
const errors = { 400: ErrorReply, 401: ErrorReply, 403: ErrorReply, 404: ErrorReply };
const DAY_MS = 86_400_000;

/**
 * Quality review: forms with weighted criteria (admins), reviews of recorded calls by supervisors
 * (their team) and admins, a random sample of calls per agent for the reviewer's list, and each
 * agent's QA figure.
 */
const qaRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const reviewers = app.allow('supervisor', 'admin');
  const period = (days: number) => ({ from: new Date(Date.now() - days * DAY_MS), to: new Date(Date.now() + 60_000) });
  /** The agents a principal may review: a supervisor's team, everyone for an admin (null). */
  const agentsInScope = (request: FastifyRequest): string[] | null => {
    const principal = request.principal;
    if (principal?.role === 'admin') return null;
    return app.router.agentIds().filter((id) => principal?.teamId != null && app.router.teamOf(id) === principal.teamId);
  };

  app.get('/qa/forms', { schema: { tags: ['qa'], summary: 'QA review forms', response: { 200: Type.Array(QaForm), ...errors } }, onRequest: reviewers }, () => app.repos.qa.forms());

  app.put(
    '/qa/forms/:id',
    { schema: { tags: ['qa'], summary: 'Create or change a QA form (weighted criteria)', params: Type.Object({ id: Slug }), body: QaFormBody, response: { 200: QaForm, ...errors } }, onRequest: app.allow('admin') },
    async (request, reply) => {
      const ids = request.body.criteria.map((c) => c.id);
      const twice = ids.find((id, i) => ids.indexOf(id) !== i);
      if (twice) return reply.code(400).send({ statusCode: 400, error: 'Bad Request', message: `body/criteria: ${twice} appears twice` });
      const form = { id: request.params.id, ...request.body };
      await app.repos.qa.upsertForm(form);
      return form;
    },
  );

  app.get(
    '/qa/sample',
    {
      schema: {
        tags: ['qa'], summary: "A reviewer's list: up to N random recorded, answered, not yet reviewed calls per agent",
        querystring: Type.Object({ perAgent: Type.Integer({ minimum: 1, maximum: 50, default: 3 }), days: Days, agentId: Type.Optional(Extension) }, { additionalProperties: false }),
        response: { 200: Type.Array(QaSampleCall), ...errors },
      },
      onRequest: reviewers,
    },
    async (request) => {
      const { perAgent, days, agentId } = request.query;
      const scope = agentsInScope(request);
      const agents = agentId === undefined ? scope : scope === null || scope.includes(agentId) ? [agentId] : [];
      const { from, to } = period(days);
      return app.repos.qa.sample(agents, perAgent, from, to);
    },
  );

  app.post(
    '/calls/:id/qa',
    {
      schema: { tags: ['qa'], summary: 'Review a call with a QA form: a mark 0–5 per criterion and a comment', params: Type.Object({ id: Type.String({ format: 'uuid' }) }), body: ReviewBody, response: { 200: QaReview, ...errors } },
      onRequest: reviewers,
    },
    async (request, reply) => {
      const call = await app.repos.callRecords.get(request.params.id);
      const scope = agentsInScope(request);
      if (!call?.agentId || call.outcome !== 'answered' || (scope !== null && !scope.includes(call.agentId))) {
        return reply.code(404).send({ statusCode: 404, error: 'Not Found', message: `no answered call ${request.params.id} of your team` });
      }
      const form = await app.repos.qa.form(request.body.formId);
      if (!form) return reply.code(400).send({ statusCode: 400, error: 'Bad Request', message: `body/formId: no QA form ${request.body.formId}` });
      let total: number;
      try {
        total = qaTotal(form.criteria, request.body.scores);
      } catch (error) {
        return reply.code(400).send({ statusCode: 400, error: 'Bad Request', message: `body/${(error as Error).message}` });
      }
      const reviewer = request.principal?.username ?? 'unknown';
      const review = await app.repos.qa.review({ callId: call.id, agentId: call.agentId, formId: form.id, reviewer, scores: request.body.scores, total, comment: request.body.comment });
      await app.repos.audit.record({ actor: reviewer, action: 'qa.review', subject: call.id });
      return review;
    },
  );

  app.get(
    '/qa/reviews',
    {
      schema: {
        tags: ['qa'], summary: 'QA reviews (agents: their own; supervisors: their team)',
        querystring: Type.Object({ days: Days, agentId: Type.Optional(Extension) }, { additionalProperties: false }),
        response: { 200: Type.Array(QaReview), ...errors },
      },
      onRequest: app.allow('agent', 'supervisor', 'admin'),
    },
    async (request) => {
      const principal = request.principal;
      const scope = principal?.role === 'agent' ? [principal.agentId ?? ''] : agentsInScope(request);
      const wanted = request.query.agentId;
      const agents = wanted === undefined ? scope : scope === null || scope.includes(wanted) ? [wanted] : [];
      const { from, to } = period(request.query.days);
      return app.repos.qa.reviews(agents, from, to);
    },
  );

  app.get(
    '/agents/:id/qa-score',
    {
      schema: {
        tags: ['qa'], summary: "An agent's QA figure: reviews and mean total (0–100) over the period",
        params: Type.Object({ id: Extension }), querystring: Type.Object({ days: Days }, { additionalProperties: false }),
        response: { 200: Type.Object({ reviews: Type.Integer(), average: Type.Union([Type.Number(), Type.Null()]) }), ...errors },
      },
      onRequest: app.allow('agent', 'supervisor', 'admin'),
    },
    async (request, reply) => {
      const principal = request.principal;
      const scope = principal?.role === 'agent' ? [principal.agentId ?? ''] : agentsInScope(request);
      if (scope !== null && !scope.includes(request.params.id)) {
        return reply.code(403).send({ statusCode: 403, error: 'Forbidden', message: 'not an agent you may see' });
      }
      const { from, to } = period(request.query.days);
      return app.repos.qa.agentScore(request.params.id, from, to);
    },
  );
};
export default qaRoutes;
