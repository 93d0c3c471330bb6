import Fastify, { type FastifyServerOptions } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { AriTimeoutError, AriUnavailableError } from '@hotline/asterisk';
import type { HotlineConfig } from '@hotline/contracts';
import type { Leadership } from '@hotline/db';
import infra from './plugins/infra.js';
import auth from './plugins/auth.js';
import metrics from './plugins/metrics.js';
import docs from './plugins/docs.js';
import securityHeaders from './plugins/security-headers.js';
import websocket from './plugins/websocket.js';
import finiteQueryNumbers from './plugins/finite-query-numbers.js';
import jobs from './plugins/job-bus.js';
import stasis from './plugins/stasis-router.js';
import healthRoutes from './features/health/routes.js';
import authRoutes from './features/auth/routes.js';
import apiTokenRoutes from './features/auth/api-token-routes.js';
import routing from './features/routing/plugin.js';
import calls from './features/calls/plugin.js';
import blocked from './features/blocked/plugin.js';
import explainRoutes from './features/routing/explain-routes.js';
import agents from './features/agents/plugin.js';
import adminRoutes from './features/admin/routes.js';
import reportRoutes from './features/reports/routes.js';
import whatIfRoutes from './features/what-if/routes.js';
import recordingRoutes from './features/recordings/routes.js';
import supervision from './features/supervision/plugin.js';
import surveyRoutes from './features/surveys/routes.js';
import reconciliation from './features/reconciliation/plugin.js';
import live from './features/live/plugin.js';
import consolePages from './features/console/plugin.js';
import qaRoutes from './features/qa/routes.js';
import recovery from './features/recovery/plugin.js';
import selfHealing from './features/self-healing/plugin.js';
import sipBanRoutes from './features/sip-bans/routes.js';
import softphone from './features/softphone/plugin.js';
import voicemail from './features/voicemail/plugin.js';
import outboundRoutes from './features/outbound/routes.js';
import ivr from './features/ivr/plugin.js';

export interface BuildOptions {
  logger?: FastifyServerOptions['logger'];
  /** server.ts serves agents over HTTPS through its own server (see server.ts); tests use the default. */
  serverFactory?: FastifyServerOptions['serverFactory'];
  /** The lead server.ts took before building (see plugins/infra.ts). */
  leadership?: Leadership;
  /** Another instance took the lead: server.ts ends this process. */
  onDeposed?: (epoch: number) => void;
}

/** Request bodies beyond this are refused (413) before they are read; the CSV import allows more. */
const BODY_LIMIT_BYTES = 1024 * 1024;

/** The control service as a plugin tree; server.ts listens, tests call inject(). */
export async function buildApp(config: HotlineConfig, options: BuildOptions = {}) {
  const app = Fastify({
    logger: options.logger ?? { level: config.logLevel },
    bodyLimit: BODY_LIMIT_BYTES,
    ...(options.serverFactory ? { serverFactory: options.serverFactory } : {}),
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  // Call control while Asterisk is away is "not ready", not a server fault.
  app.setErrorHandler((error, _request, reply) => {
    if (error instanceof AriUnavailableError) {
      return reply.code(503).send({ statusCode: 503, error: 'Service Unavailable', message: 'telephony is not ready: ARI is not connected' });
    }
    if (error instanceof AriTimeoutError) {
      return reply.code(503).send({ statusCode: 503, error: 'Service Unavailable', message: `telephony is behind: ${error.message}` });
    }
    return reply.send(error);
  });
  await app.register(infra, { config, ...(options.leadership ? { leadership: options.leadership } : {}), ...(options.onDeposed ? { onDeposed: options.onDeposed } : {}) });
  await app.register(securityHeaders);
  await app.register(websocket);
  await app.register(finiteQueryNumbers);
  await app.register(jobs);
  await app.register(stasis);
  await app.register(docs);
  await app.register(auth);
  await app.register(metrics);
  await app.register(healthRoutes);
  await app.register(authRoutes);
  await app.register(apiTokenRoutes);
  await app.register(routing);
  await app.register(blocked);
  await app.register(ivr);
  await app.register(calls);
  await app.register(explainRoutes);
  await app.register(outboundRoutes);
  await app.register(agents);
  await app.register(adminRoutes);
  await app.register(reportRoutes);
  await app.register(whatIfRoutes);
  await app.register(recordingRoutes);
  await app.register(supervision);
  await app.register(surveyRoutes);
  await app.register(reconciliation);
  await app.register(live);
  await app.register(voicemail);
  await app.register(qaRoutes);
  await app.register(recovery);
  await app.register(selfHealing);
  await app.register(sipBanRoutes);
  await app.register(softphone);
  await app.register(consolePages);
  return app;
}
export type App = Awaited<ReturnType<typeof buildApp>>;
