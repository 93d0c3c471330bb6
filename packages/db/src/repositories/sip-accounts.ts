import { createHash } from 'node:crypto';
import type { PoolClient } from '../pool.js';

/** The digest realm of every account; part of the stored hash, so it never changes. */
export const SIP_REALM = 'hotline';

/** RFC 2617's HA1, MD5(user:realm:password): what Asterisk keeps instead of the password. */
export function sipHa1(username: string, password: string): string {
  return createHash('md5').update(`${username}:${SIP_REALM}:${password}`).digest('hex');
}

/** The browser softphone's account for an extension: its own endpoint, same password. */
export const webPhoneId = (extension: string) => `web${extension}`;

/**
 * A softphone account as PJSIP realtime rows (endpoint, auth, AOR) that Asterisk reads from this
 * database: writing them provisions the phone at once. Each extension gets two: the desk phone
 * (UDP or TLS, SRTP when the phone offers it) and the browser phone (websocket + WebRTC). A password of undefined keeps the current one.
 */
export async function upsertSipAccount(client: PoolClient, extension: string, displayName: string, password: string | undefined): Promise<void> {
  const callerId = `"${displayName.replace(/"/g, '')}" <${extension}>`;
  for (const [id, webrtc] of [[extension, false], [webPhoneId(extension), true]] as const) {
    await client.query('INSERT INTO ps_aors (id) VALUES ($1) ON CONFLICT (id) DO NOTHING', [id]);
    if (password !== undefined) {
      await client.query(
        `INSERT INTO ps_auths (id, username, auth_type, realm, password_digest) VALUES ($1, $1, 'digest', $2, $3)
         ON CONFLICT (id) DO UPDATE SET auth_type = 'digest', realm = $2, password_digest = $3, password = NULL`,
        [id, SIP_REALM, `MD5:${sipHa1(id, password)}`],
      );
    }
    // A desk phone uses the transport it registered over (migration 015); the browser's is the websocket.
    const desk = webrtc ? null : 'yes';
    await client.query(
      `INSERT INTO ps_endpoints (id, aors, auth, callerid, transport, webrtc, media_address, allow, symmetric_transport, media_encryption, media_encryption_optimistic)
       VALUES ($1, $1, $1, $2, $3, $4, $5, 'ulaw,alaw,gsm', $6, $7, $6)
       ON CONFLICT (id) DO UPDATE SET callerid = $2, transport = $3, webrtc = $4, media_address = $5,
         symmetric_transport = $6, media_encryption = $7, media_encryption_optimistic = $6`,
      [id, callerId, webrtc ? 'transport-ws' : null, webrtc ? 'yes' : null, webrtc ? '127.0.0.1' : null, desk, desk && 'sdes'],
    );
  }
}
