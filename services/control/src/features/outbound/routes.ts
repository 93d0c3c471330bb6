import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ErrorReply, Extension, Slug } from '@hotline/contracts';
import { outOfScope } from '../auth/team-scope.js';
import { checkNumberPlan } from './number-plan.js';

const Dial = Type.Object(
  {
    number: Type.String({ pattern: '^[0-9]{3,20}$', description: 'digits only, as dialled (international numbers begin 00 where the plan allows them)' }),
    queueId: Slug,
  },
  { additionalProperties: false },
);
const Dialled = Type.Object({ callId: Type.String(), state: Type.String() });
const errors = { 400: ErrorReply, 401: ErrorReply, 403: ErrorReply, 404: ErrorReply, 409: ErrorReply };

/**
 * Click-to-dial: the agent's own phone rings first, then the number through the outbound trunk,
 * showing the queue's number. Only numbers the deployment's plan allows for the requester's role
 * are dialled; anything else is refused before Asterisk is asked for anything. Every call placed
 * is audited.
 */
const outboundRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/agents/:id/dial',
    {
      schema: {
        tags: ['calls'],
        summary: "Place a call for an agent (an agent: themselves; a supervisor: their team): their phone rings first, then the customer's",
        params: Type.Object({ id: Extension }),
        body: Dial,
        response: { 202: Dialled, ...errors },
      },
      onRequest: app.allow('agent', 'supervisor', 'admin'),
    },
    async (request, reply) => {
      const { id } = request.params;
      const { number, queueId } = request.body;
      const principal = request.principal;
      if (!principal || !app.router.agent(id)) return reply.code(404).send({ statusCode: 404, error: 'Not Found', message: `no agent ${id}` });
      if (!app.scope(request).agent(id)) return outOfScope(reply, id);
      const queue = app.queueDirectory.byId(queueId);
      if (!queue) return reply.code(400).send({ statusCode: 400, error: 'Bad Request', message: `body/queueId: no queue ${queueId}` });
      const verdict = checkNumberPlan(app.config.outbound.numberPlan, principal.role, number);
      await app.repos.audit.record({ actor: principal.username, action: verdict.allowed ? 'call.dial' : 'call.dial-refused', subject: number, data: { agentId: id, queueId, ...(verdict.allowed ? { rule: verdict.rule } : { reason: verdict.reason }) } });
      if (!verdict.allowed) return reply.code(403).send({ statusCode: 403, error: 'Forbidden', message: `body/number: ${verdict.reason}` });
      // A phone registered a moment ago must count: read registrations now rather than at the next poll.
      await app.presence.refresh().catch(() => undefined);
      const call = await app.callFlow.outbound.dial(id, queue, number);
      if (!call) {
        const state = app.router.agent(id)?.state ?? 'unknown';
        return reply.code(409).send({ statusCode: 409, error: 'Conflict', message: `agent ${id} cannot place a call now (${state}; a call needs the agent Ready or Not ready with a phone registered)` });
      }
      return reply.code(202).send({ callId: call.id, state: call.state });
    },
  );
};
export default outboundRoutes;
