import { createHmac, timingSafeEqual } from 'node:crypto';

export interface TicketClaims {
  agentId: string;
  sessionId: string;
  exp: number;
}

/**
 * A ticket lets a browser open the SIP websocket: it names the agent and the login session it was
 * handed to, and dies with that session (its expiry, or a logout). It rides in the websocket URL,
 * since a browser cannot set headers there, so it carries no password and no bearer token.
 */
export function createSoftphoneTickets(secret: string, isRevoked: (sessionId: string) => boolean, now: () => number = Date.now) {
  const sign = (payload: string) => createHmac('sha256', `sip-ws:${secret}`).update(payload).digest('base64url');
  return {
    issue(claims: TicketClaims): string {
      const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
      return `${payload}.${sign(payload)}`;
    },
    verify(ticket: string): TicketClaims | undefined {
      const [payload, signature] = ticket.split('.');
      if (!payload || !signature) return undefined;
      const expected = Buffer.from(sign(payload));
      const given = Buffer.from(signature);
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as TicketClaims;
      return claims.exp > now() && !isRevoked(claims.sessionId) ? claims : undefined;
    },
  };
}
export type SoftphoneTickets = ReturnType<typeof createSoftphoneTickets>;
