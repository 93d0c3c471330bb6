import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * base64url(JSON claims).base64url(HMAC-SHA256): claims anyone may read and nobody can change
 * without the key. `open` answers undefined for anything not sealed with this key.
 */
export function sealer<T>(key: string) {
  const sign = (payload: string) => createHmac('sha256', key).update(payload).digest('base64url');
  return {
    seal(claims: T): string {
      const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
      return `${payload}.${sign(payload)}`;
    },
    open(sealed: string): T | undefined {
      const [payload, signature] = sealed.split('.');
      if (!payload || !signature) return undefined;
      const expected = Buffer.from(sign(payload));
      const given = Buffer.from(signature);
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
      return JSON.parse(Buffer.from(payload, 'base64url').toString()) as T;
    },
  };
}
