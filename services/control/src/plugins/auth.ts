import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Role } from '@hotline/contracts';
import { createTokenService, type Principal, type TokenService } from '../features/auth/token.js';

declare module 'fastify' {
  interface FastifyInstance {
    tokens: TokenService;
    /** preHandler: 401 without a valid bearer token, 403 when the role is not among `roles`. */
    allow: (...roles: Role[]) => (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
  }
  interface FastifyRequest {
    principal: Principal | undefined;
  }
}

export default fp(
  async (app) => {
    const tokens = createTokenService(app.config.auth.sessionSecret, app.config.auth.tokenTtlSecs);
    app.decorate('tokens', tokens);
    app.decorateRequest('principal', undefined);
    app.decorate('allow', (...roles: Role[]) => async (request: FastifyRequest, reply: FastifyReply) => {
      const header = request.headers.authorization ?? '';
      const principal = header.startsWith('Bearer ') ? tokens.verify(header.slice(7)) : undefined;
      if (!principal) return reply.code(401).send({ statusCode: 401, error: 'Unauthorized', message: 'a valid bearer token is required' });
      if (!roles.includes(principal.role)) {
        return reply.code(403).send({ statusCode: 403, error: 'Forbidden', message: `requires role ${roles.join(' or ')}` });
      }
      request.principal = principal;
    });
  },
  { name: 'auth', dependencies: ['infra'] },
);
