import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Role } from '@hotline/contracts';

export interface Principal {
  username: string;
  role: Role;
  agentId: string | null;
  teamId: string | null;
}

interface Claims extends Principal {
  exp: number;
}

/** Stateless bearer tokens: base64url(claims).base64url(HMAC-SHA256), with an expiry inside. */
export function createTokenService(secret: string, ttlSecs: number, now: () => number = Date.now) {
  const sign = (payload: string) => createHmac('sha256', secret).update(payload).digest('base64url');
  return {
    issue(principal: Principal): { token: string; expiresAt: number } {
      const expiresAt = now() + ttlSecs * 1000;
      const payload = Buffer.from(JSON.stringify({ ...principal, exp: expiresAt } satisfies Claims)).toString('base64url');
      return { token: `${payload}.${sign(payload)}`, expiresAt };
    },
    verify(token: string): Principal | undefined {
      const [payload, signature] = token.split('.');
      if (!payload || !signature) return undefined;
      const expected = Buffer.from(sign(payload));
      const given = Buffer.from(signature);
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Claims;
      if (claims.exp <= now()) return undefined;
      return { username: claims.username, role: claims.role, agentId: claims.agentId, teamId: claims.teamId };
    },
  };
}
export type TokenService = ReturnType<typeof createTokenService>;
