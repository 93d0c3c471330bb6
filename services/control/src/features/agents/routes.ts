import { AcdError } from '@hotline/acd';
import { ErrorReply, Extension } from '@hotline/contracts';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { agentView, AgentView } from './agent-view.js';
import { outOfScope } from '../auth/team-scope.js';

const StateChange = Type.Union([
  Type.Object({ state: Type.Literal('ready') }, { additionalProperties: false }),
  Type.Object({ state: Type.Literal('logged-out') }, { additionalProperties: false }),
  Type.Object({ state: Type.Literal('not-ready'), reason: Type.String({ minLength: 1, maxLength: 40 }) }, { additionalProperties: false }),
]);
const ById = Type.Object({ id: Extension });
const errors = { 400: ErrorReply, 401: ErrorReply, 403: ErrorReply, 404: ErrorReply, 409: ErrorReply };
// The engine's refusals that are the caller's mistake rather than a conflict with current state.
const BAD_REQUEST_CODES = new Set(['UNKNOWN_REASON', 'INVALID_ARGUMENT']);

const agentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/agents',
    { schema: { tags: ['agents'], summary: 'Agents with their live state', response: { 200: Type.Array(AgentView), ...errors } }, onRequest: app.allow('supervisor', 'admin') },
    async (request) => {
      const scope = app.scope(request);
      return (await app.repos.agents.list()).filter((a) => scope.agent(a.id)).map((a) => agentView(a, app.router.agent(a.id)));
    },
  );

  app.get(
    '/agents/ready',
    {
      schema: { tags: ['agents'], summary: 'Agents who are Ready now: the targets of a blind transfer to an agent', response: { 200: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })), ...errors } },
      onRequest: app.allow('agent', 'supervisor', 'admin'),
    },
    async () =>
      app.router.agentIds().flatMap((id) => {
        const config = app.router.agentConfig(id);
        return config && app.router.agent(id)?.state === 'Ready' ? [{ id, name: config.name }] : [];
      }),
  );

  app.get(
    '/agents/:id',
    { schema: { tags: ['agents'], summary: 'One agent with live state', params: ById, response: { 200: AgentView, ...errors } }, onRequest: app.allow('agent', 'supervisor', 'admin') },
    async (request, reply) => {
      const agent = await app.repos.agents.get(request.params.id);
      if (!agent) return reply.code(404).send({ statusCode: 404, error: 'Not Found', message: `no agent ${request.params.id}` });
      if (!app.scope(request).agent(agent.id)) return outOfScope(reply, agent.id);
      return agentView(agent, app.router.agent(agent.id));
    },
  );

  app.post(
    '/agents/:id/state',
    {
      schema: {
        tags: ['agents'],
        summary: 'Log in/out, go Ready or Not ready (with a reason), or end wrap-up early',
        params: ById,
        body: StateChange,
        response: { 200: AgentView, ...errors },
      },
      onRequest: app.allow('agent', 'supervisor', 'admin'),
    },
    async (request, reply) => {
      const { id } = request.params;
      const agent = await app.repos.agents.get(id);
      if (!agent || !app.router.agent(id)) return reply.code(404).send({ statusCode: 404, error: 'Not Found', message: `no agent ${id}` });
      if (!app.scope(request).agent(id)) return outOfScope(reply, id);
      const body = request.body;
      // A softphone registered a moment ago must count: read registrations now rather than at the next poll.
      if (body.state === 'ready') await app.presence.refresh().catch(() => undefined);
      try {
        app.router.setAgentState(
          id,
          body.state === 'ready' ? { state: 'Ready' } : body.state === 'logged-out' ? { state: 'LoggedOut' } : { state: 'NotReady', reason: body.reason },
          Date.now(),
        );
      } catch (error) {
        if (!(error instanceof AcdError)) throw error;
        const status = BAD_REQUEST_CODES.has(error.code) ? 400 : 409;
        return reply.code(status).send({ statusCode: status, error: status === 400 ? 'Bad Request' : 'Conflict', message: error.message });
      }
      request.log.info({ agentId: id, state: body.state, by: request.principal?.username }, 'agent state changed');
      return agentView(agent, app.router.agent(id));
    },
  );

  app.post(
    '/agents/:id/wrap-up',
    {
      schema: {
        tags: ['agents'],
        summary: 'Extend the running after-call work by some seconds',
        params: ById,
        body: Type.Object({ extendSecs: Type.Integer({ minimum: 1, maximum: 3600 }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ wrapUpEndsAt: Type.Integer() }), ...errors },
      },
      onRequest: app.allow('agent', 'supervisor', 'admin'),
    },
    async (request, reply) => {
      const { id } = request.params;
      if (!app.router.agent(id)) return reply.code(404).send({ statusCode: 404, error: 'Not Found', message: `no agent ${id}` });
      if (!app.scope(request).agent(id)) return outOfScope(reply, id);
      try {
        const wrapUpEndsAt = app.router.extendWrapUp(id, request.body.extendSecs);
        return { wrapUpEndsAt };
      } catch (error) {
        if (!(error instanceof AcdError)) throw error;
        return reply.code(409).send({ statusCode: 409, error: 'Conflict', message: error.message });
      }
    },
  );
};
export default agentRoutes;
