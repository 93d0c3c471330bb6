import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { explainStanding, type AgentState, type OfferRationale } from '@hotline/acd';
import { ErrorReply } from '@hotline/contracts';
import { CallRouting, RoutingStanding } from '@hotline/contracts/api/routing';

/** An offer's stored rationale (the pick, the thresholds), as opposed to a standing already complete. */
function isRationale(routing: Record<string, unknown>): routing is Record<string, unknown> & OfferRationale {
  return typeof routing.at === 'number' && typeof routing.offeredTo === 'string' && Array.isArray(routing.thresholds) && !('candidates' in routing);
}

/** Explainable routing: why a caller is still waiting, and why each agent who was rung got the call. */
const explainRoutes: FastifyPluginAsyncTypebox = async (app) => {
  /** Everyone's standing at an offer, rebuilt from the agent states of that moment and judged by the thresholds the offer kept. */
  const standingAtOffer = async (routing: OfferRationale): Promise<RoutingStanding> => {
    const stored = await app.repos.agentStates.coveringAt(routing.at);
    const intervals = stored.map((row) => ({ ...row, state: row.state as AgentState }));
    return { ...explainStanding(routing, app.router.standingsAt(routing.at, intervals)), picked: routing.picked };
  };

  app.get(
    '/calls/:id/routing',
    {
      schema: {
        tags: ['calls'],
        summary:
          "Why a call is routed as it is: while it waits, every agent's standing now (candidates in the order they would be picked, and why each other agent is not one); for each offer made, the same as it stood when that agent was picked",
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: {
          200: CallRouting,
          400: ErrorReply,
          401: ErrorReply,
          403: ErrorReply,
          404: ErrorReply,
        },
      },
      onRequest: app.allow('supervisor', 'admin'),
    },
    async (request, reply) => {
      const { id } = request.params;
      const now = app.router.explain(id, Date.now());
      const offers = await app.repos.callRecords.offers(id);
      if (!now && offers.length === 0 && !app.callFlow.calls.get(id) && !(await app.repos.callRecords.get(id))) {
        return reply.code(404).send({ statusCode: 404, error: 'Not Found', message: `no call ${id}` });
      }
      // An offer keeps its rationale (rebuilt here into everyone's standing); older ones kept the standing itself.
      const standing = async (routing: Record<string, unknown> | null): Promise<RoutingStanding | null> => {
        if (routing && isRationale(routing)) return standingAtOffer(routing);
        return Value.Check(RoutingStanding, routing) ? routing : null;
      };
      const explained = await Promise.all(offers.map(async (offer) => ({ ...offer, routing: await standing(offer.routing) })));
      const answer: CallRouting = { callId: id, now: now ?? null, offers: explained };
      return answer;
    },
  );
};
export default explainRoutes;
