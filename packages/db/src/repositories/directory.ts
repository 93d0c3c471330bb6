import type { Skill, Team } from '@hotline/contracts';
import type { Pool } from '../pool.js';

/** Skills and teams: small named lists that queues, agents and users refer to. */
export function createDirectoryRepository(pool: Pool) {
  return {
    async upsertSkill(skill: Skill): Promise<void> {
      await pool.query('INSERT INTO skills (id, name) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET name = $2', [skill.id, skill.name]);
    },
    async listSkills(): Promise<Skill[]> {
      return (await pool.query<Skill>('SELECT id, name FROM skills ORDER BY id')).rows;
    },
    async upsertTeam(team: Team): Promise<void> {
      await pool.query('INSERT INTO teams (id, name) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET name = $2', [team.id, team.name]);
    },
    async listTeams(): Promise<Team[]> {
      return (await pool.query<Team>('SELECT id, name FROM teams ORDER BY id')).rows;
    },
  };
}
export type DirectoryRepository = ReturnType<typeof createDirectoryRepository>;
