import fp from 'fastify-plugin';
import { RoutingService } from './routing-service.js';
import { QueueDirectory } from './queue-directory.js';

declare module 'fastify' {
  interface FastifyInstance {
    router: RoutingService;
    queueDirectory: QueueDirectory;
  }
}

/** Loads queues and agents from PostgreSQL into the routing engine at start. */
export default fp(
  async (app) => {
    const [queues, agents] = await Promise.all([app.repos.queues.list(), app.repos.agents.list()]);
    app.decorate('queueDirectory', new QueueDirectory(queues));
    app.decorate('router', new RoutingService(queues, agents, app.repos.agentStates, app.log.child({ area: 'routing' }), Date.now()));
    app.log.info({ queues: queues.length, agents: agents.length }, 'routing configuration loaded');
  },
  { name: 'routing', dependencies: ['infra'] },
);
