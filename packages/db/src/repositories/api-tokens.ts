import type { Pool } from '../pool.js';

export interface ApiToken {
  id: string;
  name: string;
  role: 'supervisor' | 'admin';
  teamId: string | null;
  createdBy: string;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

const COLUMNS = `id, name, role, team_id AS "teamId", created_by AS "createdBy", created_at AS "createdAt",
  expires_at AS "expiresAt", revoked_at AS "revokedAt", last_used_at AS "lastUsedAt"`;

/** API tokens for integrations; the secret itself is never stored. */
export function createApiTokenRepository(pool: Pool) {
  return {
    async create(token: Omit<ApiToken, 'createdAt' | 'revokedAt' | 'lastUsedAt'> & { secretSha256: string }): Promise<ApiToken> {
      const { rows } = await pool.query<ApiToken>(
        `INSERT INTO api_tokens (id, name, role, team_id, secret_sha256, created_by, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${COLUMNS}`,
        [token.id, token.name, token.role, token.teamId, token.secretSha256, token.createdBy, token.expiresAt],
      );
      return rows[0] as ApiToken;
    },
    async list(): Promise<ApiToken[]> {
      return (await pool.query<ApiToken>(`SELECT ${COLUMNS} FROM api_tokens ORDER BY created_at DESC`)).rows;
    },
    /** A usable token (not revoked, not expired) with its secret's hash. */
    async usable(id: string): Promise<(ApiToken & { secretSha256: string }) | undefined> {
      const { rows } = await pool.query<ApiToken & { secretSha256: string }>(
        `SELECT ${COLUMNS}, secret_sha256 AS "secretSha256" FROM api_tokens
         WHERE id = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())`,
        [id],
      );
      return rows[0];
    },
    async touch(id: string): Promise<void> {
      await pool.query('UPDATE api_tokens SET last_used_at = now() WHERE id = $1', [id]);
    },
    async revoke(id: string): Promise<boolean> {
      return ((await pool.query('UPDATE api_tokens SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL', [id])).rowCount ?? 0) === 1;
    },
  };
}
export type ApiTokenRepository = ReturnType<typeof createApiTokenRepository>;
