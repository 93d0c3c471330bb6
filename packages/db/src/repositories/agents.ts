import type { Agent } from '@hotline/contracts';
import { inTransaction, type Pool } from '../pool.js';
import { upsertSipAccount, webPhoneId } from './sip-accounts.js';

const SELECT_AGENTS = `
  SELECT a.id, a.name, a.team_id AS "teamId",
         COALESCE(json_agg(json_build_object('skillId', s.skill_id, 'level', s.level) ORDER BY s.skill_id)
                  FILTER (WHERE s.skill_id IS NOT NULL), '[]') AS skills
  FROM agents a LEFT JOIN agent_skills s ON s.agent_id = a.id`;

/**
 * Agents and their SIP accounts. An agent's PJSIP endpoint, auth and AOR are realtime rows that
 * Asterisk reads from this database, so saving an agent provisions its softphone account live.
 */
export function createAgentRepository(pool: Pool) {
  return {
    async list(): Promise<Agent[]> {
      return (await pool.query<Agent>(`${SELECT_AGENTS} GROUP BY a.id ORDER BY a.id`)).rows;
    },
    async get(id: string): Promise<Agent | undefined> {
      return (await pool.query<Agent>(`${SELECT_AGENTS} WHERE a.id = $1 GROUP BY a.id`, [id])).rows[0];
    },
    async upsert(agent: Agent, sipPassword: string | undefined): Promise<void> {
      await inTransaction(pool, async (client) => {
        await client.query(
          'INSERT INTO agents (id, name, team_id) VALUES ($1, $2, $3) ON CONFLICT (id) DO UPDATE SET name = $2, team_id = $3',
          [agent.id, agent.name, agent.teamId],
        );
        await client.query('DELETE FROM agent_skills WHERE agent_id = $1', [agent.id]);
        for (const s of agent.skills) {
          await client.query('INSERT INTO agent_skills (agent_id, skill_id, level) VALUES ($1, $2, $3)', [agent.id, s.skillId, s.level]);
        }
        await upsertSipAccount(client, agent.id, agent.name, sipPassword);
      });
    },
    async hasSipAccount(id: string): Promise<boolean> {
      return (await pool.query('SELECT 1 FROM ps_auths WHERE id = $1', [id])).rowCount === 1;
    },
    /** The browser softphone's SIP credentials, for the agent's own desktop: the digest hash, never a password. */
    async webPhone(id: string): Promise<{ username: string; realm: string; ha1: string } | undefined> {
      const { rows } = await pool.query<{ username: string; realm: string; digest: string }>(
        'SELECT username, realm, password_digest AS digest FROM ps_auths WHERE id = $1 AND password_digest IS NOT NULL',
        [webPhoneId(id)],
      );
      const row = rows[0];
      return row && { username: row.username, realm: row.realm, ha1: row.digest.replace(/^MD5:/, '') };
    },
  };
}
export type AgentRepository = ReturnType<typeof createAgentRepository>;
