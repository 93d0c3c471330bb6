import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { HotlineConfig } from '@hotline/contracts';
import type { FastifyInstance } from 'fastify';
import type { BuildOptions } from './app.js';

type Handler = Parameters<typeof createHttpServer>[1];

/**
 * Where the service listens. A loopback-only stack: plain HTTP on http.host. A stack that agents
 * reach: HTTPS on each listen address, and plain HTTP on loopback for the machine's own tools.
 * Every server hands websocket upgrades to the first, where the stream and the SIP relay live.
 */
export function createServers(config: HotlineConfig) {
  const extra: { server: Server; host: string }[] = [];
  const { listen } = config.network;
  const tls = listen.length > 0 && config.tls ? { key: readFileSync(config.tls.keyFile), cert: readFileSync(config.tls.certFile) } : undefined;
  // https.Server has http.Server's interface, which is what Fastify's types expect.
  const https = (options: NonNullable<typeof tls>, handler: Handler) => createHttpsServer(options, handler) as unknown as Server;
  const serverFactory = (options: NonNullable<typeof tls>) => (handler: Handler): Server => {
    const primary = https(options, handler);
    const relayUpgrades = (server: Server) => server.on('upgrade', (...args) => primary.emit('upgrade', ...args));
    for (const host of listen.slice(1)) extra.push({ server: relayUpgrades(https(options, handler)), host });
    extra.push({ server: relayUpgrades(createHttpServer(handler)), host: '127.0.0.1' });
    return primary;
  };
  return {
    buildOptions: (tls ? { serverFactory: serverFactory(tls) } : {}) satisfies BuildOptions,
    async listen(app: Pick<FastifyInstance, 'listen' | 'log'>): Promise<void> {
      await app.listen({ host: tls ? (listen[0] ?? config.http.host) : config.http.host, port: config.http.port });
      for (const { server, host } of extra) {
        await new Promise<void>((resolve, reject) => server.once('error', reject).listen(config.http.port, host, resolve));
        app.log.info({ address: `${host}:${config.http.port}`, tls: host !== '127.0.0.1' }, 'also listening');
      }
    },
    close(): void {
      for (const { server } of extra) server.close();
    },
  };
}
