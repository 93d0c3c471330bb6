import fp from 'fastify-plugin';
import agentRoutes from './routes.js';
import { trackPresence, type Presence } from './presence.js';

declare module 'fastify' {
  interface FastifyInstance {
    presence: Presence;
  }
}

/** Agent state API and softphone presence. */
export default fp(
  async (app) => {
    const presence = trackPresence(app, () => app.router.agentIds());
    app.decorate('presence', presence);
    app.addHook('onClose', async () => presence.stop());
    await app.register(agentRoutes);
  },
  { name: 'agents', dependencies: ['infra', 'routing', 'calls', 'auth'] },
);
