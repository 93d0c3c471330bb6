import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** API tokens look like `hlk_<id>_<secret>`: the id finds the row, the secret proves possession. */
const PREFIX = 'hlk_';
const FORMAT = /^hlk_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

export function isApiToken(bearer: string): boolean {
  return bearer.startsWith(PREFIX);
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function newApiToken(): { id: string; token: string; secretSha256: string } {
  const id = randomBytes(8).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  return { id, token: `${PREFIX}${id}_${secret}`, secretSha256: sha256(secret) };
}

/** The token's id when it is well formed and its secret matches the stored hash. */
export function parseApiToken(bearer: string): { id: string; secret: string } | undefined {
  const match = FORMAT.exec(bearer);
  return match?.[1] && match[2] ? { id: match[1], secret: match[2] } : undefined;
}

export function secretMatches(secret: string, storedSha256: string): boolean {
  const given = Buffer.from(sha256(secret), 'hex');
  const stored = Buffer.from(storedSha256, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}
