import fp from 'fastify-plugin';
import supervisionRoutes from './routes.js';
import { SupervisionService } from './supervision-service.js';

declare module 'fastify' {
  interface FastifyInstance {
    supervision: SupervisionService;
  }
}

export default fp(
  async (app) => {
    const log = app.log.child({ area: 'supervision' });
    const service = new SupervisionService({
      ari: app.ari,
      audit: app.repos.audit,
      log,
      call: (id) => app.callFlow.calls.get(id),
      beepOnMonitor: app.config.supervision.beepOnMonitor,
    });
    app.decorate('supervision', service);
    const guard = (what: string, work: () => Promise<void>) =>
      work().catch((error: Error) => log.error({ err: error.message }, `${what} failed`));
    app.stasis.register('supervisor-leg', (event, sessionId) => service.onSupervisorAnswered(event.channelId, sessionId));
    // A snoop channel enters the app only to be bridged by the session that made it.
    app.stasis.register('snoop', async () => undefined);
    app.ari.on('channelDestroyed', ({ channelId }) => void guard('channel gone', () => service.onChannelGone(channelId)));
    app.callFlow.notifier.onEnded((call) => void guard('call ended', () => service.onCallEnded(call)));
    await app.register(supervisionRoutes);
  },
  { name: 'supervision', dependencies: ['infra', 'stasis', 'calls', 'auth'] },
);
