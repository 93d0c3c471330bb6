import type { PoolClient } from '../pool.js';

/**
 * A softphone account as PJSIP realtime rows (endpoint, auth, AOR) that Asterisk reads from this
 * database: writing them provisions the phone at once. A password of undefined keeps the current one.
 */
export async function upsertSipAccount(client: PoolClient, extension: string, displayName: string, password: string | undefined): Promise<void> {
  await client.query('INSERT INTO ps_aors (id) VALUES ($1) ON CONFLICT (id) DO NOTHING', [extension]);
  if (password !== undefined) {
    await client.query('INSERT INTO ps_auths (id, username, password) VALUES ($1, $1, $2) ON CONFLICT (id) DO UPDATE SET password = $2', [extension, password]);
  }
  await client.query('INSERT INTO ps_endpoints (id, aors, auth, callerid) VALUES ($1, $1, $1, $2) ON CONFLICT (id) DO UPDATE SET callerid = $2', [
    extension,
    `"${displayName.replace(/"/g, '')}" <${extension}>`,
  ]);
}
