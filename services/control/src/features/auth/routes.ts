import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorReply, Role } from '@hotline/contracts';
import { verifyPassword } from './password.js';

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
  app.post(
    '/auth/login',
    { schema: { tags: ['auth'], summary: 'Exchange a username and password for a bearer token', body: Login, response: { 200: Session, 401: ErrorReply } } },
    async (request, reply) => {
      const user = await app.repos.users.findByUsername(request.body.username);
      if (!user || !(await verifyPassword(request.body.password, user.passwordHash))) {
        return reply.code(401).send({ statusCode: 401, error: 'Unauthorized', message: 'unknown username or wrong password' });
      }
      const { token, expiresAt } = app.tokens.issue({ username: user.username, role: user.role, agentId: user.agentId, teamId: user.teamId });
      return { token, expiresAt, role: user.role, agentId: user.agentId };
    },
  );
};
export default authRoutes;
