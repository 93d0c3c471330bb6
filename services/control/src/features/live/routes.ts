import type { FastifyPluginAsync } from 'fastify';
import { scopeOf } from './scope.js';

/** A connection that has not authenticated by then is closed. */
const AUTH_TIMEOUT_MS = 10_000;
/** Close codes in the application range: the client should log in again rather than retry. */
const UNAUTHORIZED = 4401;
/** Too many streams open: close another one (or wait) before retrying. */
const TOO_MANY = 4429;
/** A person has a wallboard or a desk open on a few screens, never dozens. */
const MAX_STREAMS_PER_USER = 10;
/** Connections from one address, authenticated or not: an office behind one NAT fits; a flood does not. */
const MAX_STREAMS_PER_ADDRESS = 200;

/** Counts open streams per key; `take` refuses past the limit. */
function connectionCounter(limit: number) {
  const open = new Map<string, number>();
  return {
    take(key: string): boolean {
      const n = open.get(key) ?? 0;
      if (n >= limit) return false;
      open.set(key, n + 1);
      return true;
    },
    release(key: string): void {
      const n = (open.get(key) ?? 1) - 1;
      if (n <= 0) open.delete(key);
      else open.set(key, n);
    },
  };
}

/**
 * GET /stream (websocket). The first message must be `{"type":"auth","token":"…"}`: a browser
 * cannot set headers on a websocket, and a token in the URL would land in access logs.
 */
const streamRoutes: FastifyPluginAsync = async (app) => {
  const perAddress = connectionCounter(MAX_STREAMS_PER_ADDRESS);
  const perUser = connectionCounter(MAX_STREAMS_PER_USER);
  app.get('/stream', { websocket: true, schema: { hide: true } }, (socket, request) => {
    const log = request.log.child({ area: 'stream' });
    let detach: (() => void) | undefined;
    let user: string | undefined;
    const refuse = (message: string, code = UNAUTHORIZED) => {
      socket.send(JSON.stringify({ type: 'error', message }));
      socket.close(code, message);
    };
    if (!perAddress.take(request.ip)) {
      refuse(`too many streams from ${request.ip} (at most ${MAX_STREAMS_PER_ADDRESS})`, TOO_MANY);
      return;
    }
    socket.on('close', () => perAddress.release(request.ip));
    const timer = setTimeout(() => refuse('authenticate within 10 s: {"type":"auth","token":"…"}'), AUTH_TIMEOUT_MS);
    let authenticating = false;
    socket.on('message', async (data) => {
      if (detach || authenticating) return; // after authentication the stream is one-way
      authenticating = true;
      clearTimeout(timer);
      const principal = await app.authenticate(readToken(data.toString()) ?? '').catch(() => undefined);
      if (!principal) return refuse('first message must be {"type":"auth","token":"<valid bearer token>"}');
      if (socket.readyState !== socket.OPEN) return;
      if (!perUser.take(principal.username)) return refuse(`too many streams open for ${principal.username} (at most ${MAX_STREAMS_PER_USER}); close one first`, TOO_MANY);
      user = principal.username;
      detach = app.streamHub.add(socket, principal, scopeOf(principal, (id) => app.router.teamOf(id)), (scope) => app.liveBoard.snapshot(scope));
      log.info({ username: principal.username, role: principal.role }, 'stream client connected');
    });
    socket.on('close', () => {
      clearTimeout(timer);
      detach?.();
      if (user !== undefined) perUser.release(user);
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
