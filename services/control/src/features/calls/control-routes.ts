import { ErrorReply, Extension, Slug } from '@hotline/contracts';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import type { LiveCall } from './live-calls.js';
import type { ControlResult } from './in-call-controls.js';

const ById = Type.Object({ id: Type.String({ format: 'uuid' }) });
const errors = { 400: ErrorReply, 401: ErrorReply, 403: ErrorReply, 404: ErrorReply, 409: ErrorReply };
const NOT_CONNECTED = 'the call is not connected to an agent';

/** Hold, mute, hang up and blind transfer from the agent desktop; works with any phone. */
const controlRoutes: FastifyPluginAsyncTypebox = async (app) => {
  /** The live call, when the caller is its agent (or a supervisor or admin); otherwise a 404 is sent. */
  const ownLiveCall = (request: FastifyRequest, reply: FastifyReply): LiveCall | undefined => {
    const { id } = request.params as { id: string };
    const call = app.callFlow.calls.get(id);
    if (call && call.state !== 'ended' && app.scope(request).call(call)) return call;
    void reply.code(404).send({ statusCode: 404, error: 'Not Found', message: `no live call ${id} of yours` });
    return undefined;
  };
  const answer = (reply: FastifyReply, result: ControlResult, body: object) =>
    result === 'no-call' ? reply.code(409).send({ statusCode: 409, error: 'Conflict', message: NOT_CONNECTED }) : reply.send(body);

  const protectedRoute = (summary: string, body: TSchema, response: TSchema) => ({
    schema: { tags: ['calls'], summary, params: ById, body, response: { 200: response, ...errors } },
    onRequest: app.allow('agent', 'supervisor', 'admin'),
  });
  const Held = Type.Object({ held: Type.Boolean() }, { additionalProperties: false });
  const Muted = Type.Object({ muted: Type.Boolean() }, { additionalProperties: false });

  app.post('/calls/:id/hold', protectedRoute('Put the caller on hold (music, not heard) or take them off', Held, Held), async (request, reply) => {
    const call = ownLiveCall(request, reply);
    const { held } = request.body as Static<typeof Held>;
    return call ? answer(reply, await app.callFlow.controls.setHeld(call, held), { held }) : reply;
  });

  app.post('/calls/:id/mute', protectedRoute("Mute or unmute the agent's voice towards the caller", Muted, Muted), async (request, reply) => {
    const call = ownLiveCall(request, reply);
    const { muted } = request.body as Static<typeof Muted>;
    return call ? answer(reply, await app.callFlow.controls.setMuted(call, muted), { muted }) : reply;
  });

  app.post(
    '/calls/:id/hangup',
    { schema: { tags: ['calls'], summary: "Hang up the agent's side (the caller may then get the survey)", params: ById, response: { 200: Type.Object({ ok: Type.Boolean() }), ...errors } }, onRequest: app.allow('agent', 'supervisor', 'admin') },
    async (request, reply) => {
      const call = ownLiveCall(request, reply);
      if (!call) return reply;
      return answer(reply, await app.callFlow.controls.hangUp(call), { ok: true });
    },
  );

  app.post(
    '/calls/:id/transfer',
    {
      schema: {
        tags: ['calls'],
        summary:
          'Blind transfer to a queue, or to an agent who is Ready: the agent is released and the caller continues as a new call; ' +
          "or { survey: true }: the agent hands the caller over to the queue's survey (转满意度) and leaves",
        params: ById,
        body: Type.Union([
          Type.Object({ queueId: Slug }, { additionalProperties: false }),
          Type.Object({ agentId: Extension }, { additionalProperties: false }),
          Type.Object({ survey: Type.Literal(true) }, { additionalProperties: false }),
        ]),
        response: { 200: Type.Union([Type.Object({ queueId: Type.String() }), Type.Object({ agentId: Type.String() }), Type.Object({ survey: Type.Literal(true) })]), ...errors },
      },
      onRequest: app.allow('agent', 'supervisor', 'admin'),
    },
    async (request, reply) => {
      const call = ownLiveCall(request, reply);
      if (!call) return reply;
      const target = request.body;
      const result = await app.callFlow.transfer(call.id, target);
      if (result === 'no-queue') return reply.code(400).send({ statusCode: 400, error: 'Bad Request', message: `body/queueId: no queue ${'queueId' in target ? target.queueId : ''}` });
      if (result === 'agent-not-ready') return reply.code(409).send({ statusCode: 409, error: 'Conflict', message: `body/agentId: agent ${'agentId' in target ? target.agentId : ''} is not ready` });
      if (result === 'no-call') return reply.code(409).send({ statusCode: 409, error: 'Conflict', message: NOT_CONNECTED });
      if (result === 'no-survey') return reply.code(409).send({ statusCode: 409, error: 'Conflict', message: "body/survey: the call's queue takes no survey by hand-over (its survey is off, or follows only the agent hanging up)" });
      request.log.info({ callId: call.id, target, by: request.principal?.username }, 'call transferred');
      return target;
    },
  );
};
export default controlRoutes;
