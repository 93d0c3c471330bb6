import { randomBytes } from 'node:crypto';
import type { Role } from '@hotline/contracts';
import { sealer } from './sealed.js';

export interface Principal {
  username: string;
  role: Role;
  agentId: string | null;
  teamId: string | null;
  /** Set for a login session (not for an API token): what logout revokes. */
  session?: { id: string; expiresAt: number };
}

interface Claims extends Omit<Principal, 'session'> {
  sid: string;
  exp: number;
}

/**
 * Stateless bearer tokens: sealed claims with a session id and an expiry inside. A session ended
 * early is refused through `isRevoked`.
 */
export function createTokenService(secret: string, ttlSecs: number, now: () => number = Date.now, isRevoked: (sessionId: string) => boolean = () => false) {
  const tokens = sealer<Claims>(secret);
  return {
    issue(principal: Omit<Principal, 'session'>): { token: string; expiresAt: number } {
      const expiresAt = now() + ttlSecs * 1000;
      const { username, role, agentId, teamId } = principal;
      return { token: tokens.seal({ username, role, agentId, teamId, sid: randomBytes(12).toString('base64url'), exp: expiresAt }), expiresAt };
    },
    verify(token: string): Principal | undefined {
      const claims = tokens.open(token);
      if (!claims || claims.exp <= now() || typeof claims.sid !== 'string' || isRevoked(claims.sid)) return undefined;
      return { username: claims.username, role: claims.role, agentId: claims.agentId, teamId: claims.teamId, session: { id: claims.sid, expiresAt: claims.exp } };
    },
  };
}
export type TokenService = ReturnType<typeof createTokenService>;
