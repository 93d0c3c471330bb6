import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { HotlineConfig } from '@hotline/contracts';
import {
  createQaRepository, createAgentRepository, createDirectoryRepository, createQueueRepository, createUserRepository, type Pool,
} from '@hotline/db';
import { hashPassword } from '../features/auth/password.js';
import { demoAgents, demoQaForm, demoQueues, demoSkills, demoTeams } from './demo-config.js';

export interface DemoCredentials {
  admin: { username: string; password: string };
  supervisor: { username: string; password: string; extension: string; sipPassword: string };
  agents: { extension: string; name: string; sipPassword: string; password: string }[];
}

/** The demo supervisor's phone, for listen / whisper / barge. */
const SUPERVISOR_PHONE = '1901';
const secret = () => randomBytes(12).toString('base64url').replace(/[-_]/g, 'x');

/**
 * Loads the demo configuration (idempotent). Passwords are generated once and kept in the state
 * directory, so a softphone set up after the first run keeps working on the next.
 */
export async function seedDemo(pool: Pool, config: HotlineConfig): Promise<DemoCredentials> {
  const file = `${config.paths.state}/demo-credentials.json`;
  const credentials: DemoCredentials = existsSync(file)
    ? (JSON.parse(readFileSync(file, 'utf8')) as DemoCredentials)
    : {
        admin: { username: 'admin', password: config.auth.adminPassword },
        supervisor: { username: 'supervisor', password: secret(), extension: SUPERVISOR_PHONE, sipPassword: secret() },
        agents: demoAgents.map((a) => ({ extension: a.id, name: a.name, sipPassword: secret(), password: secret() })),
      };
  // Credentials kept from a run before supervisors had phones gain one.
  credentials.supervisor.extension ??= SUPERVISOR_PHONE;
  credentials.supervisor.sipPassword ??= secret();
  writeFileSync(file, JSON.stringify(credentials, null, 2), { mode: 0o600 });

  const directory = createDirectoryRepository(pool);
  const queues = createQueueRepository(pool);
  const agents = createAgentRepository(pool);
  const users = createUserRepository(pool);
  for (const team of demoTeams) await directory.upsertTeam(team);
  for (const skill of demoSkills) await directory.upsertSkill(skill);
  for (const queue of demoQueues) await queues.upsert(queue);
  for (const agent of demoAgents) {
    const account = credentials.agents.find((a) => a.extension === agent.id);
    if (!account) throw new Error(`no credentials for agent ${agent.id}`);
    await agents.upsert(agent, account.sipPassword);
    await users.upsert({ username: agent.id, passwordHash: await hashPassword(account.password), role: 'agent', agentId: agent.id, teamId: agent.teamId });
  }
  await users.upsert({ username: 'supervisor', passwordHash: await hashPassword(credentials.supervisor.password), role: 'supervisor', agentId: null, teamId: 'front-line' });
  await users.setPhone('supervisor', credentials.supervisor.extension, credentials.supervisor.sipPassword);
  await users.upsert({ username: 'admin', passwordHash: await hashPassword(credentials.admin.password), role: 'admin', agentId: null, teamId: null });
  await createQaRepository(pool).upsertForm(demoQaForm);
  return credentials;
}
