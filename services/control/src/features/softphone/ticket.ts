import { sealer } from '../auth/sealed.js';

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
  // A key of its own: a ticket is never taken for a bearer token, nor the other way round.
  const tickets = sealer<TicketClaims>(`sip-ws:${secret}`);
  return {
    issue: (claims: TicketClaims): string => tickets.seal(claims),
    verify(ticket: string): TicketClaims | undefined {
      const claims = tickets.open(ticket);
      return claims && claims.exp > now() && !isRevoked(claims.sessionId) ? claims : undefined;
    },
  };
}
export type SoftphoneTickets = ReturnType<typeof createSoftphoneTickets>;
