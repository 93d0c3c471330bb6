import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Role } from '@hotline/contracts';
import { createTokenService, type Principal, type TokenService } from '../features/auth/token.js';
import { isApiToken, parseApiToken, secretMatches } from '../features/auth/api-token.js';
import { SessionRevocations } from '../features/auth/session-revocations.js';

declare module 'fastify' {
  interface FastifyInstance {
    tokens: TokenService;
    sessions: SessionRevocations;
    /** Who a bearer token (a session token or an integration's API token) speaks for, if anyone. */
    authenticate: (bearer: string) => Promise<Principal | undefined>;
    /** onRequest hook: 401 without a valid bearer token, 403 when the role is not among `roles`, before any body is read. */
    allow: (...roles: Role[]) => (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
  }
  interface FastifyRequest {
    principal: Principal | undefined;
  }
}

const TOUCH_EVERY_MS = 60_000;
const RELOAD_REVOCATIONS_MS = 30_000;

export default fp(
  async (app) => {
    const sessions = new SessionRevocations(app.repos.revokedSessions);
    const tokens = createTokenService(app.config.auth.sessionSecret, app.config.auth.tokenTtlSecs, Date.now, (id) => sessions.isRevoked(id));
    app.decorate('tokens', tokens);
    app.decorate('sessions', sessions);
    // Read again now and then: another control instance may have ended a session, and a start
    // while PostgreSQL is away has to catch up once it is back.
    const reload = () => sessions.load().catch((error: Error) => app.log.warn({ err: error.message }, 'could not read revoked sessions'));
    let reloading: NodeJS.Timeout | undefined;
    app.addHook('onReady', async () => {
      await reload();
      reloading = setInterval(() => void reload(), RELOAD_REVOCATIONS_MS);
      reloading.unref();
    });
    app.addHook('onClose', async () => clearInterval(reloading));
    app.decorateRequest('principal', undefined);
    const touched = new Map<string, number>();
    const authenticate = async (bearer: string): Promise<Principal | undefined> => {
      if (!isApiToken(bearer)) return tokens.verify(bearer);
      const parsed = parseApiToken(bearer);
      const stored = parsed && (await app.repos.apiTokens.usable(parsed.id));
      if (!parsed || !stored || !secretMatches(parsed.secret, stored.secretSha256)) return undefined;
      // Last use is for people reading the token list: a write a minute per token is plenty.
      if (Date.now() - (touched.get(stored.id) ?? 0) > TOUCH_EVERY_MS) {
        touched.set(stored.id, Date.now());
        void app.repos.apiTokens.touch(stored.id).catch(() => undefined);
      }
      return { username: `api:${stored.name}`, role: stored.role, agentId: null, teamId: stored.teamId };
    };
    app.decorate('authenticate', authenticate);
    app.decorate('allow', (...roles: Role[]) => async (request: FastifyRequest, reply: FastifyReply) => {
      const header = request.headers.authorization ?? '';
      let principal: Principal | undefined;
      try {
        principal = header.startsWith('Bearer ') ? await authenticate(header.slice(7)) : undefined;
      } catch (error) {
        request.log.warn({ err: (error as Error).message }, 'could not check an API token');
        return reply.code(503).send({ statusCode: 503, error: 'Service Unavailable', message: 'API tokens cannot be checked right now; try again' });
      }
      if (!principal) return reply.code(401).send({ statusCode: 401, error: 'Unauthorized', message: 'a valid bearer token is required' });
      if (!roles.includes(principal.role)) {
        return reply.code(403).send({ statusCode: 403, error: 'Forbidden', message: `requires role ${roles.join(' or ')}` });
      }
      request.principal = principal;
    });
  },
  { name: 'auth', dependencies: ['infra'] },
);
