import { randomBytes } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { AcdError } from '@hotline/acd';
import { Customer, DialNumber, ErrorReply, Extension, Queue, SipPassword, Skill, Slug, Team } from '@hotline/contracts';
import { parseCustomerCsv } from './customer-csv.js';
import { replyToConstraint } from './pg-errors.js';
import { webPhoneId } from '@hotline/db';

const errors = { 400: ErrorReply, 401: ErrorReply, 403: ErrorReply, 404: ErrorReply, 409: ErrorReply };
const Named = Type.Object({ name: Type.String({ minLength: 1, maxLength: 80 }) }, { additionalProperties: false });
const QueueBody = Type.Omit(Queue, ['id'], { additionalProperties: false });
const AgentBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 80 }),
    teamId: Type.Union([Slug, Type.Null()]),
    skills: Type.Array(Type.Object({ skillId: Slug, level: Type.Integer({ minimum: 1, maximum: 10 }) }, { additionalProperties: false }), { maxItems: 50 }),
    sipPassword: Type.Optional(SipPassword),
  },
  { additionalProperties: false },
);
const Provisioned = Type.Object({ id: Extension, sipPassword: Type.Union([Type.String(), Type.Null()]) });

/** Asterisk caches SIP accounts (asterisk-conf/sorcery.conf): drop this one so the change is live at once. */
async function expireCachedSipAccount(app: FastifyInstance, id: string): Promise<void> {
  for (const cache of ['hotline_endpoints', 'hotline_auths', 'hotline_aors']) {
    for (const object of [id, webPhoneId(id)]) await app.ami.expireCachedObject(cache, object).catch(() => undefined);
  }
}

/** Configuration an administrator manages; supervisors may read it. Every change is live. */
const adminRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const admin = app.allow('admin');
  const readers = app.allow('supervisor', 'admin');

  app.get('/skills', { schema: { tags: ['config'], response: { 200: Type.Array(Skill), ...errors } }, onRequest: readers }, () => app.repos.directory.listSkills());
  app.put(
    '/skills/:id',
    { schema: { tags: ['config'], summary: 'Create or rename a skill', params: Type.Object({ id: Slug }), body: Named, response: { 200: Skill, ...errors } }, onRequest: admin },
    async (request) => {
      const skill = { id: request.params.id, name: request.body.name };
      await app.repos.directory.upsertSkill(skill);
      return skill;
    },
  );

  app.get('/teams', { schema: { tags: ['config'], response: { 200: Type.Array(Team), ...errors } }, onRequest: readers }, () => app.repos.directory.listTeams());
  app.put(
    '/teams/:id',
    { schema: { tags: ['config'], summary: 'Create or rename a team', params: Type.Object({ id: Slug }), body: Named, response: { 200: Team, ...errors } }, onRequest: admin },
    async (request) => {
      const team = { id: request.params.id, name: request.body.name };
      await app.repos.directory.upsertTeam(team);
      return team;
    },
  );

  // Agents read queues too: the desktop offers them as transfer targets.
  app.get('/queues', { schema: { tags: ['config'], response: { 200: Type.Array(Queue), ...errors } }, onRequest: app.allow('agent', 'supervisor', 'admin') }, () =>
    app.repos.queues.list());
  app.put(
    '/queues/:id',
    {
      schema: { tags: ['config'], summary: 'Create or change a queue; waiting callers keep their places', params: Type.Object({ id: Slug }), body: QueueBody, response: { 200: Queue, ...errors } },
      onRequest: admin,
    },
    async (request, reply) => {
      const queue: Queue = { ...request.body, id: request.params.id };
      if (queue.overflow.kind === 'queue' && !app.queueDirectory.byId(queue.overflow.queueId)) {
        return reply.code(400).send({ statusCode: 400, error: 'Bad Request', message: `body/overflow/queueId: no queue ${queue.overflow.queueId}` });
      }
      try {
        await app.repos.queues.upsert(queue);
      } catch (error) {
        return replyToConstraint(error, reply);
      }
      try {
        app.router.upsertQueue(queue, Date.now());
      } catch (error) {
        if (error instanceof AcdError) return reply.code(400).send({ statusCode: 400, error: 'Bad Request', message: error.message });
        throw error;
      }
      app.queueDirectory.put(queue);
      return queue;
    },
  );

  app.put(
    '/agents/:id',
    {
      schema: {
        tags: ['config'],
        summary: "Create or change an agent; its SIP account is provisioned in Asterisk at once. A new agent without sipPassword gets a generated one, returned once.",
        params: Type.Object({ id: Extension }),
        body: AgentBody,
        response: { 200: Provisioned, ...errors },
      },
      onRequest: admin,
    },
    async (request, reply) => {
      const { sipPassword: given, ...rest } = request.body;
      const agent = { ...rest, id: request.params.id };
      const isNew = !(await app.repos.agents.hasSipAccount(agent.id));
      const sipPassword = given ?? (isNew ? randomBytes(12).toString('base64url').replace(/[-_]/g, 'x') : undefined);
      try {
        await app.repos.agents.upsert(agent, sipPassword);
      } catch (error) {
        return replyToConstraint(error, reply);
      }
      app.router.upsertAgent(agent, Date.now());
      await expireCachedSipAccount(app, agent.id);
      await app.presence.refresh().catch(() => undefined);
      request.log.info({ agentId: agent.id, isNew, by: request.principal?.username }, 'agent provisioned');
      return { id: agent.id, sipPassword: sipPassword ?? null };
    },
  );

  app.get(
    '/customers/:number',
    { schema: { tags: ['config'], params: Type.Object({ number: DialNumber }), response: { 200: Customer, ...errors } }, onRequest: app.allow('agent', 'supervisor', 'admin') },
    async (request, reply) => {
      const customer = await app.repos.customers.get(request.params.number);
      return customer ?? reply.code(404).send({ statusCode: 404, error: 'Not Found', message: `no customer ${request.params.number}` });
    },
  );

  app.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: 20 * 1024 * 1024 }, (_request, body, done) => done(null, body));
  app.post(
    '/customers/import',
    {
      schema: {
        tags: ['config'],
        summary: 'Import the customer directory from CSV (header: number,name,tier); all rows or none',
        consumes: ['text/csv'],
        response: {
          200: Type.Object({ imported: Type.Integer() }),
          400: Type.Object({ statusCode: Type.Integer(), error: Type.String(), message: Type.String(), problems: Type.Optional(Type.Array(Type.Object({ line: Type.Integer(), field: Type.String(), message: Type.String() }))) }),
          401: ErrorReply,
          403: ErrorReply,
          415: ErrorReply,
        },
      },
      onRequest: admin,
    },
    async (request, reply) => {
      if (typeof request.body !== 'string') return reply.code(415).send({ statusCode: 415, error: 'Unsupported Media Type', message: 'send the file as text/csv' });
      const { customers, problems } = parseCustomerCsv(request.body);
      if (problems.length > 0) {
        const first = problems[0];
        return reply.code(400).send({ statusCode: 400, error: 'Bad Request', message: `line ${first?.line} ${first?.field}: ${first?.message}`, problems: problems.slice(0, 100) });
      }
      return { imported: await app.repos.customers.importAll(customers) };
    },
  );
};
export default adminRoutes;
