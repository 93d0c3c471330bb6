import type { FastifyPluginAsync } from 'fastify';
import WebSocket from 'ws';
import type { SoftphoneTickets } from './ticket.js';

/** Close code for a socket opened without a valid ticket. */
const UNAUTHORIZED = 4401;
/** Messages a browser may send before Asterisk's side is open; a REGISTER or two in practice. */
const MAX_QUEUED = 32;

/**
 * GET /sip-ws: the browser softphone's SIP over websocket, relayed to Asterisk's own websocket
 * transport on loopback. Asterisk's HTTP server also serves ARI, so it never listens where agents
 * are; browsers reach this route of the control service (HTTPS/WSS off loopback) instead, and only
 * with a ticket from GET /agents/{id}/softphone. SIP digest authentication still applies inside.
 */
export function sipWebsocketProxy(tickets: SoftphoneTickets, asteriskWsUrl: string): FastifyPluginAsync {
  return async (app) => {
    app.get('/sip-ws', { websocket: true, schema: { hide: true } }, (browser, request) => {
      const ticket = new URL(request.url, 'http://x').searchParams.get('ticket') ?? '';
      const claims = tickets.verify(ticket);
      if (!claims) {
        browser.close(UNAUTHORIZED, 'a softphone ticket is required (GET /agents/{id}/softphone)');
        return;
      }
      const log = request.log.child({ area: 'sip-ws', agentId: claims.agentId });
      const upstream = new WebSocket(asteriskWsUrl, 'sip');
      const queued: string[] = [];
      browser.on('message', (data) => {
        const text = data.toString();
        if (upstream.readyState === WebSocket.OPEN) upstream.send(text);
        else if (queued.length < MAX_QUEUED) queued.push(text);
        else browser.close(1013, 'Asterisk is not answering');
      });
      upstream.on('open', () => {
        for (const text of queued.splice(0)) upstream.send(text);
      });
      upstream.on('message', (data) => browser.readyState === WebSocket.OPEN && browser.send(data.toString()));
      upstream.on('error', (error) => log.warn({ err: error.message }, 'Asterisk websocket error'));
      upstream.on('close', () => browser.close(1001, 'Asterisk closed the connection'));
      browser.on('close', () => upstream.close());
      log.debug('softphone websocket relayed to Asterisk');
    });
  };
}
