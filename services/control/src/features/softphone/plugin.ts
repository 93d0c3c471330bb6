import fp from 'fastify-plugin';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorReply, Extension } from '@hotline/contracts';
import { createSoftphoneTickets } from './ticket.js';
import { sipWebsocketProxy } from './sip-ws-proxy.js';

const Account = Type.Object({
  wsUrl: Type.String({ description: "this service's /sip-ws, with a ticket valid as long as the login session" }),
  uri: Type.String(),
  username: Type.String(),
  /** The digest hash (MD5 of user:realm:password) and its realm: the password itself is not kept anywhere. */
  realm: Type.String(),
  ha1: Type.String(),
});
const errors = { 400: ErrorReply, 401: ErrorReply, 403: ErrorReply, 404: ErrorReply };

const softphoneRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tickets = createSoftphoneTickets(app.config.auth.sessionSecret, (id) => app.sessions.isRevoked(id));
  const asterisk = new URL(app.config.ari.url);
  await app.register(sipWebsocketProxy(tickets, `ws://${asterisk.host}/ws`));

  app.get(
    '/agents/:id/softphone',
    {
      schema: {
        tags: ['agents'],
        summary: "The agent's browser softphone account: SIP over a websocket of this service (relayed to Asterisk on loopback), WebRTC media",
        params: Type.Object({ id: Extension }),
        response: { 200: Account, ...errors },
      },
      onRequest: app.allow('agent', 'supervisor', 'admin'),
    },
    async (request, reply) => {
      const { id } = request.params;
      const session = request.principal?.session;
      if (request.principal?.agentId !== id || !session) {
        return reply.code(403).send({ statusCode: 403, error: 'Forbidden', message: 'only the agent, logged in, may use their own softphone' });
      }
      const account = await app.repos.agents.webPhone(id);
      if (!account) return reply.code(404).send({ statusCode: 404, error: 'Not Found', message: `no softphone account for ${id}` });
      const ticket = tickets.issue({ agentId: id, sessionId: session.id, exp: session.expiresAt });
      // Same origin as the page: wss:// where the console is served over HTTPS.
      return {
        wsUrl: `${request.protocol === 'https' ? 'wss' : 'ws'}://${request.host}/sip-ws?ticket=${ticket}`,
        uri: `sip:${account.username}@${asterisk.hostname}`,
        ...account,
      };
    },
  );
};

/** The browser softphone: its account, and the relay of its SIP websocket to Asterisk. */
export default fp(softphoneRoutes, { name: 'softphone', dependencies: ['infra', 'auth', 'websocket'] });
