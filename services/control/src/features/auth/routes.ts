import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorReply, Role } from '@hotline/contracts';
import { verifyPassword } from './password.js';
import { LoginThrottle } from './login-throttle.js';

const Login = Type.Object({
  username: Type.String({ minLength: 1, maxLength: 64 }),
  password: Type.String({ minLength: 1, maxLength: 256 }),
});

const Session = Type.Object({
  token: Type.String(),
  expiresAt: Type.Integer(),
  role: Role,
  agentId: Type.Union([Type.String(), Type.Null()]),
});

const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const throttle = new LoginThrottle();
  app.post(
    '/auth/login',
    { schema: { tags: ['auth'], summary: 'Exchange a username and password for a bearer token', body: Login, response: { 200: Session, 401: ErrorReply, 429: ErrorReply } } },
    async (request, reply) => {
      const { username } = request.body;
      const wait = throttle.retryAfterSecs(username, request.ip);
      if (wait > 0) {
        return reply.code(429).header('retry-after', wait).send({ statusCode: 429, error: 'Too Many Requests', message: `too many failed logins; try again in ${wait} s` });
      }
      const user = await app.repos.users.findByUsername(username);
      if (!user || !(await verifyPassword(request.body.password, user.passwordHash))) {
        throttle.failed(username, request.ip);
        return reply.code(401).send({ statusCode: 401, error: 'Unauthorized', message: 'unknown username or wrong password' });
      }
      throttle.succeeded(username, request.ip);
      const { token, expiresAt } = app.tokens.issue({ username: user.username, role: user.role, agentId: user.agentId, teamId: user.teamId });
      return { token, expiresAt, role: user.role, agentId: user.agentId };
    },
  );
};
export default authRoutes;
