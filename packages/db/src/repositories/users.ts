import type { Role } from '@hotline/contracts';
import { inTransaction, type Pool } from '../pool.js';
import { upsertSipAccount } from './sip-accounts.js';

export interface User {
  id: string;
  username: string;
  passwordHash: string;
  role: Role;
  agentId: string | null;
  teamId: string | null;
  /** A supervisor's own phone, on which they monitor calls. */
  extension: string | null;
}

export interface NewUser {
  username: string;
  passwordHash: string;
  role: Role;
  agentId: string | null;
  teamId: string | null;
}

export function createUserRepository(pool: Pool) {
  return {
    async findByUsername(username: string): Promise<User | undefined> {
      const { rows } = await pool.query<User>(
        `SELECT id::text, username, password_hash AS "passwordHash", role, agent_id AS "agentId", team_id AS "teamId", extension
         FROM users WHERE username = $1`,
        [username],
      );
      return rows[0];
    },
    async upsert(user: NewUser): Promise<void> {
      await pool.query(
        `INSERT INTO users (username, password_hash, role, agent_id, team_id) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (username) DO UPDATE SET password_hash = $2, role = $3, agent_id = $4, team_id = $5`,
        [user.username, user.passwordHash, user.role, user.agentId, user.teamId],
      );
    },
    /** Gives a user a monitoring phone: the SIP account is live in Asterisk when this returns. */
    async setPhone(username: string, extension: string, sipPassword: string | undefined): Promise<void> {
      await inTransaction(pool, async (client) => {
        await client.query('UPDATE users SET extension = $2 WHERE username = $1', [username, extension]);
        await upsertSipAccount(client, extension, username, sipPassword);
      });
    },
  };
}
export type UserRepository = ReturnType<typeof createUserRepository>;
