import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

const Dependency = Type.Object({
  status: Type.Union([Type.Literal('up'), Type.Literal('down'), Type.Literal('connecting'), Type.Literal('stopped')]),
  since: Type.Optional(Type.Integer()),
  connects: Type.Optional(Type.Integer()),
  error: Type.Optional(Type.String()),
});

/** Which control instance leads the stack, and since when (epoch ms). */
export const Lead = Type.Object({ epoch: Type.Integer(), holder: Type.String(), since: Type.Integer() });

const Health = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('degraded')]),
  /** This instance leads: the one a load balancer sends agents to (a standby answers 503, see standby.ts). */
  leader: Lead,
  dependencies: Type.Object({ ari: Dependency, ami: Dependency, redis: Dependency, postgres: Dependency }),
  /** Whether new callers are refused as busy because the service is behind, and the reading that said so. */
  admission: Type.Object({
    shedding: Type.Boolean(),
    reason: Type.Optional(Type.Object({ signal: Type.String(), value: Type.Number(), limit: Type.Number() })),
  }),
});

const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/healthz',
    {
      schema: {
        tags: ['health'],
        summary: 'Each dependency up or down; 503 while any is down',
        response: { 200: Health, 503: Health },
      },
    },
    async (_request, reply) => {
      const link = ({ status, since, connects, lastError }: typeof app.ari.state) =>
        ({ status, since, connects, ...(lastError ? { error: lastError } : {}) });
      const dependencies = {
        ari: link(app.ari.state),
        ami: link(app.ami.state),
        redis: { status: app.redis.status === 'ready' ? ('up' as const) : ('down' as const) },
        postgres: await probePostgres(),
      };
      const ok = Object.values(dependencies).every((d) => d.status === 'up');
      const { shedding, reason } = app.loadShedding;
      const admission = { shedding, ...(shedding && reason ? { reason } : {}) };
      return reply.code(ok ? 200 : 503).send({ status: ok ? 'ok' : 'degraded', leader: app.leadership, dependencies, admission });
    },
  );

  async function probePostgres(): Promise<{ status: 'up' | 'down'; error?: string }> {
    try {
      await app.pg.query('SELECT 1');
      return { status: 'up' };
    } catch (error) {
      return { status: 'down', error: (error as Error).message };
    }
  }
};
export default healthRoutes;
