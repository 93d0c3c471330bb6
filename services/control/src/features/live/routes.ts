import type { FastifyPluginAsync } from 'fastify';
import { scopeOf } from './scope.js';

/** A connection that has not authenticated by then is closed. */
const AUTH_TIMEOUT_MS = 10_000;
/** Close codes in the application range: the client should log in again rather than retry. */
const UNAUTHORIZED = 4401;

/**
 * GET /stream (websocket). The first message must be `{"type":"auth","token":"…"}`: a browser
 * cannot set headers on a websocket, and a token in the URL would land in access logs.
 */
const streamRoutes: FastifyPluginAsync = async (app) => {
  app.get('/stream', { websocket: true, schema: { hide: true } }, (socket, request) => {
    const log = request.log.child({ area: 'stream' });
    let detach: (() => void) | undefined;
    const refuse = (message: string) => {
      socket.send(JSON.stringify({ type: 'error', message }));
      socket.close(UNAUTHORIZED, message);
    };
    const timer = setTimeout(() => refuse('authenticate within 10 s: {"type":"auth","token":"…"}'), AUTH_TIMEOUT_MS);
    let authenticating = false;
    socket.on('message', async (data) => {
      if (detach || authenticating) return; // after authentication the stream is one-way
      authenticating = true;
      clearTimeout(timer);
      const principal = await app.authenticate(readToken(data.toString()) ?? '').catch(() => undefined);
      if (!principal) return refuse('first message must be {"type":"auth","token":"<valid bearer token>"}');
      if (socket.readyState !== socket.OPEN) return;
      detach = app.streamHub.add(socket, principal, scopeOf(principal, (id) => app.router.teamOf(id)), (scope) => app.liveBoard.snapshot(scope));
      log.info({ username: principal.username, role: principal.role }, 'stream client connected');
    });
    socket.on('close', () => {
      clearTimeout(timer);
      detach?.();
    });
  });
};
export default streamRoutes;

function readToken(text: string): string | undefined {
  try {
    const message = JSON.parse(text) as unknown;
    if (typeof message !== 'object' || message === null) return undefined;
    const { type, token } = message as Record<string, unknown>;
    return type === 'auth' && typeof token === 'string' ? token : undefined;
  } catch {
    return undefined;
  }
}
