import { ErrorReply, Extension } from '@hotline/contracts';
import { PastCall, ScreenPop } from '@hotline/contracts/api/calls';
import type { CallRow } from '@hotline/db';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { outOfScope } from '../auth/team-scope.js';
import { startOfDay } from '../live/call-figures.js';

const HISTORY_LENGTH = 5;
const errors = { 400: ErrorReply, 401: ErrorReply, 403: ErrorReply, 404: ErrorReply };

function pastCall(row: CallRow): PastCall {
  const { id, queueId, customerNumber, agentId, enqueuedAt, outcome, waitSecs, talkSecs, disposition, dispositionNote, surveyScale, surveyScore, recordingId } = row;
  return { id, queueId, customerNumber, agentId, enqueuedAt, outcome, waitSecs, talkSecs, disposition, dispositionNote, surveyScale, surveyScore, recordingId };
}

/** What an agent sees of a caller (screen pop) and of their own day. */
const historyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/calls/:id/context',
    {
      schema: {
        tags: ['calls'],
        summary: "Screen pop: who is calling, from which queue, since when, and the caller's last calls with dispositions and survey scores",
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: { 200: ScreenPop, ...errors },
      },
      onRequest: app.allow('agent', 'supervisor', 'admin'),
    },
    async (request, reply) => {
      const call = app.callFlow.calls.get(request.params.id);
      if (!call || !app.scope(request).call(call)) {
        return reply.code(404).send({ statusCode: 404, error: 'Not Found', message: `no live call ${request.params.id} offered to you` });
      }
      const [customer, history] = await Promise.all([
        app.repos.customers.get(call.customerNumber),
        app.repos.callRecords.ofCustomer(call.customerNumber, HISTORY_LENGTH, call.id),
      ]);
      return {
        callId: call.id,
        queue: { id: call.queueId, name: app.queueDirectory.byId(call.queueId)?.name ?? call.queueId },
        customer: { number: call.customerNumber, name: customer?.name ?? null, tier: call.customerTier },
        enqueuedAt: call.enqueuedAt,
        history: history.map(pastCall),
      };
    },
  );

  app.get(
    '/agents/:id/calls',
    {
      schema: { tags: ['agents'], summary: "An agent's calls today, newest first", params: Type.Object({ id: Extension }), response: { 200: Type.Array(PastCall), ...errors } },
      onRequest: app.allow('agent', 'supervisor', 'admin'),
    },
    async (request, reply) => {
      if (!app.scope(request).agent(request.params.id)) return outOfScope(reply, request.params.id);
      return (await app.repos.callRecords.ofAgent(request.params.id, startOfDay(Date.now()))).map(pastCall);
    },
  );
};
export default historyRoutes;
