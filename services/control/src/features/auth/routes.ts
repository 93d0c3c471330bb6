import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorReply } from '@hotline/contracts';
import { Login, LoginSession } from '@hotline/contracts/api/auth';
import { hashPassword, verifyPassword } from './password.js';
import { LoginThrottle } from './login-throttle.js';

const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const throttle = new LoginThrottle();
  // An unknown username is checked against this, so it costs the same time as a wrong password.
  const decoyHash = await hashPassword(`decoy-${Date.now()}`);
  app.post(
    '/auth/login',
    { schema: { tags: ['auth'], summary: 'Exchange a username and password for a bearer token', body: Login, response: { 200: LoginSession, 401: ErrorReply, 429: ErrorReply } } },
    async (request, reply) => {
      const { username, password } = request.body;
      const wait = throttle.begin(username, request.ip);
      if (wait > 0) {
        return reply.code(429).header('retry-after', wait).send({ statusCode: 429, error: 'Too Many Requests', message: `too many failed logins; try again in ${wait} s` });
      }
      const user = await app.repos.users.findByUsername(username);
      const matches = await verifyPassword(password, user?.passwordHash ?? decoyHash);
      if (!user || !matches) {
        return reply.code(401).send({ statusCode: 401, error: 'Unauthorized', message: 'unknown username or wrong password' });
      }
      throttle.succeeded(username, request.ip);
      const { token, expiresAt } = app.tokens.issue({ username: user.username, role: user.role, agentId: user.agentId, teamId: user.teamId });
      return { token, expiresAt, role: user.role, agentId: user.agentId };
    },
  );

  app.post(
    '/auth/logout',
    {
      schema: { tags: ['auth'], summary: 'End this session: its token is refused from now on, by every route and the live stream', response: { 204: Type.Null(), 400: ErrorReply, 401: ErrorReply, 403: ErrorReply } },
      onRequest: app.allow('agent', 'supervisor', 'admin'),
    },
    async (request, reply) => {
      const session = request.principal?.session;
      if (!session) return reply.code(400).send({ statusCode: 400, error: 'Bad Request', message: 'an API token is revoked with DELETE /auth/api-tokens/{id}, not logged out' });
      await app.sessions.revoke(session.id, session.expiresAt);
      request.log.info({ by: request.principal?.username }, 'logged out');
      return reply.code(204).send(null);
    },
  );
};
export default authRoutes;
