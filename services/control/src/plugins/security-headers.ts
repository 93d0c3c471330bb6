import fp from 'fastify-plugin';
import helmet from '@fastify/helmet';

const LOOPBACK = /^(127\.|::1$|::ffff:127\.)/;

/**
 * Security headers on every answer (helmet): a content security policy that allows only this
 * origin (the console's scripts, styles, API calls, stream and SIP websocket, and recordings played
 * from blobs), no framing, no sniffing; HSTS where the stack serves agents over TLS. No CORS
 * headers are ever sent, so browsers keep other sites' pages away from the API. A request that
 * reached a non-loopback address without TLS (a misconfigured http.host) is refused: tokens never
 * cross a network in clear.
 */
export default fp(
  async (app) => {
    const servesTls = app.config.network.listen.length > 0;
    await app.register(helmet, {
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          mediaSrc: ["'self'", 'blob:'],
          connectSrc: ["'self'"],
          frameAncestors: ["'none'"],
          // The loopback listener serves the machine's own tools in clear; nothing is upgraded there.
          upgradeInsecureRequests: null,
        },
      },
      hsts: servesTls ? { maxAge: 180 * 86_400, includeSubDomains: false } : false,
      crossOriginEmbedderPolicy: false,
    });
    app.addHook('onRequest', async (request, reply) => {
      if (request.protocol !== 'https' && !LOOPBACK.test(request.socket.localAddress ?? '127.0.0.1')) {
        return reply.code(403).send({ statusCode: 403, error: 'Forbidden', message: 'use HTTPS: this service takes requests in clear only on loopback' });
      }
    });
  },
  { name: 'security-headers', dependencies: ['infra'] },
);
