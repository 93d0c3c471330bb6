import { existsSync } from 'node:fs';
import fp from 'fastify-plugin';
import fastifyStatic from '@fastify/static';
import { CONSOLE_DIST } from '@hotline/console';

/** Serves the built web console (agent desktop, wallboard) at /ui/; / leads there. */
export default fp(
  async (app) => {
    app.get('/', { schema: { hide: true } }, (_request, reply) => reply.redirect('/ui/'));
    if (!existsSync(`${CONSOLE_DIST}index.html`)) {
      app.log.warn({ dir: CONSOLE_DIST }, 'the web console is not built: npm run build -w @hotline/console');
      app.get('/ui/', { schema: { hide: true } }, (_request, reply) =>
        reply.code(503).type('text/plain').send('The web console is not built yet: run npm run build -w @hotline/console'));
      return;
    }
    await app.register(fastifyStatic, { root: CONSOLE_DIST, prefix: '/ui/', decorateReply: false, index: ['index.html'], cacheControl: true, maxAge: '5m' });
  },
  { name: 'console' },
);
