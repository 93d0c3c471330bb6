import fp from 'fastify-plugin';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface Metrics {
  registry: Registry;
  callsOffered: Counter<'queue'>;
  callsAnswered: Counter<'queue'>;
  callsAbandoned: Counter<'queue'>;
  callsWaiting: Gauge<'queue'>;
  callsRefused: Counter<'queue' | 'signal'>;
  callsBlocked: Counter<'queue' | 'action'>;
  routeToAgentSeconds: Histogram;
}

declare module 'fastify' {
  interface FastifyInstance {
    metrics: Metrics;
  }
}

/** The service's own counters, in `registry`. */
export function createMetrics(registry: Registry): Metrics {
  return {
    registry,
    callsOffered: new Counter({ name: 'hotline_calls_offered_total', help: 'Calls that entered a queue', labelNames: ['queue'], registers: [registry] }),
    callsAnswered: new Counter({ name: 'hotline_calls_answered_total', help: 'Calls connected to an agent', labelNames: ['queue'], registers: [registry] }),
    callsAbandoned: new Counter({ name: 'hotline_calls_abandoned_total', help: 'Callers who hung up while waiting', labelNames: ['queue'], registers: [registry] }),
    callsWaiting: new Gauge({ name: 'hotline_calls_waiting', help: 'Callers waiting now', labelNames: ['queue'], registers: [registry] }),
    callsRefused: new Counter({
      name: 'hotline_calls_refused_total',
      help: 'Callers refused with a busy signal because the service was behind, by the reading that was over its limit',
      labelNames: ['queue', 'signal'],
      registers: [registry],
    }),
    callsBlocked: new Counter({
      name: 'hotline_calls_blocked_total',
      help: 'Callers turned away because their number is blocked (never offered), by what they got: message or reject',
      labelNames: ['queue', 'action'],
      registers: [registry],
    }),
    routeToAgentSeconds: new Histogram({
      name: 'hotline_route_to_agent_seconds',
      help: 'From an agent becoming eligible for a waiting call to the originate request',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
      registers: [registry],
    }),
  };
}

/** Prometheus metrics at GET /metrics; one registry per app so tests do not share counters. */
export default fp(
  async (app) => {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry, prefix: 'hotline_' });
    const metrics = createMetrics(registry);
    const linkUp = (status: string) => (status === 'up' ? 1 : 0);
    new Gauge({
      name: 'hotline_dependency_up',
      help: '1 when the dependency is connected',
      labelNames: ['dependency'],
      registers: [registry],
      collect() {
        this.set({ dependency: 'ari' }, linkUp(app.ari.state.status));
        this.set({ dependency: 'ami' }, linkUp(app.ami.state.status));
        this.set({ dependency: 'redis' }, app.redis.status === 'ready' ? 1 : 0);
      },
    });
    app.decorate('metrics', metrics);
    // Call volumes and agents' activity are not for anyone who can reach the port: a scraper uses an admin API token.
    app.get('/metrics', { schema: { tags: ['health'], summary: 'Prometheus metrics (admin; a scraper uses an admin API token)' }, onRequest: app.allow('admin') }, async (_request, reply) => {
      return reply.type(registry.contentType).send(await registry.metrics());
    });
  },
  { name: 'metrics', dependencies: ['infra', 'auth'] },
);
