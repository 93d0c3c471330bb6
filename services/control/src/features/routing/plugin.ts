import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
import { RoutingService } from './routing-service.js';
import { QueueDirectory } from './queue-directory.js';
import { IntervalWriter } from './interval-writer.js';
import { teamScope, type TeamScope } from '../auth/team-scope.js';

declare module 'fastify' {
  interface FastifyInstance {
    router: RoutingService;
    queueDirectory: QueueDirectory;
    /** The caller's team scope (agents' teams as configured now), for every route's checks. */
    scope: (request: FastifyRequest) => TeamScope;
  }
}

/** Loads queues and agents from PostgreSQL into the routing engine at start. */
export default fp(
  async (app) => {
    const [queues, agents] = await Promise.all([app.repos.queues.list(), app.repos.agents.list()]);
    app.decorate('queueDirectory', new QueueDirectory(queues));
    const log = app.log.child({ area: 'routing' });
    const intervals = new IntervalWriter((batch) => app.repos.agentStates.recordMany(batch), log);
    const router = new RoutingService(queues, agents, intervals, log, Date.now());
    app.decorate('router', router);
    app.decorate('scope', (request: FastifyRequest) => teamScope(request.principal, (agentId) => router.teamOf(agentId)));
    // Before the pool closes: what is queued is written first.
    app.addHook('onClose', () => intervals.close());
    app.log.info({ queues: queues.length, agents: agents.length }, 'routing configuration loaded');
  },
  { name: 'routing', dependencies: ['infra'] },
);
