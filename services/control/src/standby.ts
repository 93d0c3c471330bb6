import Fastify from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Leadership } from '@hotline/db';
import { Lead } from './features/health/routes.js';
import type { BuildOptions } from './app.js';

const StandbyHealth = Type.Object({
  status: Type.Literal('standby'),
  /** The instance that leads now, as PostgreSQL last recorded it; null while it cannot be read. */
  leader: Type.Union([Lead, Type.Null()]),
});

/**
 * What a standby control instance serves while another leads: only /healthz, answering 503 so a
 * load balancer sends nobody here, and naming the leader. Everything else is 503 too: a standby
 * holds no calls and no agents, and acting on them would compete with the leader.
 */
export function buildStandbyApp(leader: () => Promise<Leadership | null>, options: BuildOptions = {}) {
  const app = Fastify({
    logger: options.logger ?? false,
    ...(options.serverFactory ? { serverFactory: options.serverFactory } : {}),
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.get('/healthz', { schema: { response: { 503: StandbyHealth } } }, async (_request, reply) =>
    reply.code(503).send({ status: 'standby' as const, leader: await leader().catch(() => null) }),
  );
  app.setNotFoundHandler((_request, reply) =>
    reply.code(503).send({ statusCode: 503, error: 'Service Unavailable', message: 'this control instance is a standby; another one leads' }),
  );
  return app;
}
