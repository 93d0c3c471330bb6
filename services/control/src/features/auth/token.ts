import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Role } from '@hotline/contracts';

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
 * Stateless bearer tokens: base64url(claims).base64url(HMAC-SHA256), with a session id and an
 * expiry inside. A session ended early is refused through `isRevoked`.
 */
export function createTokenService(secret: string, ttlSecs: number, now: () => number = Date.now, isRevoked: (sessionId: string) => boolean = () => false) {
  const sign = (payload: string) => createHmac('sha256', secret).update(payload).digest('base64url');
  return {
    issue(principal: Omit<Principal, 'session'>): { token: string; expiresAt: number } {
      const expiresAt = now() + ttlSecs * 1000;
      const claims: Claims = { username: principal.username, role: principal.role, agentId: principal.agentId, teamId: principal.teamId, sid: randomBytes(12).toString('base64url'), exp: expiresAt };
      const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
      return { token: `${payload}.${sign(payload)}`, expiresAt };
    },
    verify(token: string): Principal | undefined {
      const [payload, signature] = token.split('.');
      if (!payload || !signature) return undefined;
      const expected = Buffer.from(sign(payload));
      const given = Buffer.from(signature);
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Claims;
      if (claims.exp <= now() || typeof claims.sid !== 'string' || isRevoked(claims.sid)) return undefined;
      return { username: claims.username, role: claims.role, agentId: claims.agentId, teamId: claims.teamId, session: { id: claims.sid, expiresAt: claims.exp } };
    },
  };
}
export type TokenService = ReturnType<typeof createTokenService>;
