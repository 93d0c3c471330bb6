import fp from 'fastify-plugin';
import agentRoutes from './routes.js';
import { trackPresence } from './presence.js';

/** Agent state API and softphone presence. */
export default fp(
  async (app) => {
    const agentIds = (await app.repos.agents.list()).map((a) => a.id);
    const presence = trackPresence(app, () => agentIds, () => app.callFlow.dispatch());
    app.addHook('onClose', async () => presence.stop());
    await app.register(agentRoutes, { presence });
  },
  { name: 'agents', dependencies: ['infra', 'routing', 'calls', 'auth'] },
);
