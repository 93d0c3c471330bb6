import fp from 'fastify-plugin';
import { createKpiDefinitionRepository, createKpiSourceRepository } from '@hotline/db';
import { KPI_DEFINITION_V1 } from '@hotline/kpi';
import { CallFigures, startOfDay } from './call-figures.js';
import { LiveBoard } from './live-board.js';
import { StreamHub } from './stream-hub.js';
import streamRoutes from './routes.js';

declare module 'fastify' {
  interface FastifyInstance {
    liveBoard: LiveBoard;
    streamHub: StreamHub;
  }
}

const FLUSH_MS = 500;
const ALERT_CHECK_MS = 5_000;

/** The live event stream: router and call-flow changes, queue figures and alerts, to websocket clients. */
export default fp(
  async (app) => {
    const now = Date.now();
    const stored = await createKpiDefinitionRepository(app.pg).latest().catch(() => undefined);
    const figures = new CallFigures(startOfDay(now), stored?.definition ?? KPI_DEFINITION_V1);
    // Today's calls so far, so a restarted service shows the whole day; without PostgreSQL it starts from now.
    await createKpiSourceRepository(app.pg)
      .calls({ start: startOfDay(now), end: now }, 0)
      .then((calls) => calls.forEach((call) => figures.add(call)))
      .catch((error: Error) => app.log.warn({ err: error.message }, "could not load today's calls for the wallboard"));
    const hub = new StreamHub();
    const board = new LiveBoard({
      router: app.router,
      queues: () => app.queueDirectory.list(),
      calls: () => app.callFlow.calls.list(),
      figures,
      hub,
    });
    app.decorate('streamHub', hub);
    app.decorate('liveBoard', board);
    app.router.onAgentChanged((agentId) => board.agentChanged(agentId));
    app.callFlow.notifier.onChange((call, change) => board.callChanged(call, change));
    app.callFlow.notifier.onSurveyed((result) => board.surveyed(result));
    const flush = setInterval(() => board.flushQueues(), FLUSH_MS);
    const alerts = setInterval(() => board.checkAlerts(), ALERT_CHECK_MS);
    flush.unref();
    alerts.unref();
    await app.register(streamRoutes);
    app.addHook('onClose', async () => {
      clearInterval(flush);
      clearInterval(alerts);
      hub.close();
    });
  },
  { name: 'live', dependencies: ['infra', 'routing', 'calls', 'auth', 'websocket'] },
);
