import { chownSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AmiAdapter } from '@hotline/asterisk';
import type { Queue } from '@hotline/contracts';
import type { AdminApi } from './api.js';
import { runSipp } from './sipp.js';

/** Hotline's queue under load: what app_queue's "bench" queue is set to as well (asterisk-conf/app-queue-baseline). */
export const LOAD_QUEUE: Omit<Queue, 'id'> = {
  name: 'Load',
  language: 'en',
  number: '7690',
  strategy: 'longest-idle',
  weight: 1,
  slThresholdSecs: 20,
  slTargetPct: 80,
  ringTimeoutSecs: 15,
  wrapupSecs: 0,
  maxWaitSecs: 60,
  maxWaiting: 10000,
  announceIntervalSecs: 30,
  overflow: { kind: 'goodbye' },
  expansion: [],
  recording: { mode: 'all', samplePct: 100 },
  survey: { mode: 'off' },
  alerts: { abandonPctMax: 10, waitSecsMax: 120, agentStateSecsMax: 1800 },
  callback: { enabled: false, key: '1', maxAttempts: 3, retryAfterSecs: 300, ringSecs: 30, window: { from: '00:00', to: '24:00' } },
  skills: [{ skillId: 'load', minLevel: 1 }],
};

export interface LoadAgent {
  id: string;
  sipPassword: string;
}

/** The skill, the queue and `count` agents (extensions from 3001), each with a fresh SIP password. */
export async function provisionAgents(api: AdminApi, count: number): Promise<LoadAgent[]> {
  await api.put('/skills/load', { name: 'Load' });
  await api.put('/queues/load', LOAD_QUEUE);
  const agents: LoadAgent[] = [];
  for (let i = 1; i <= count; i++) {
    const id = String(3000 + i);
    const sipPassword = `load${id}${Math.random().toString(36).slice(2, 12)}`.replace(/[^A-Za-z0-9]/g, 'x');
    await api.put(`/agents/${id}`, { name: `Load agent ${id}`, teamId: null, skills: [{ skillId: 'load', level: 5 }], sipPassword });
    agents.push({ id, sipPassword });
  }
  return agents;
}

/** One agent's endpoint, as Hotline's realtime rows describe it (packages/db/migrations/001_init.sql). */
const staticEndpoint = (agent: LoadAgent) => `[${agent.id}]
type = auth
auth_type = userpass
username = ${agent.id}
password = ${agent.sipPassword}

[${agent.id}]
type = aor
max_contacts = 1
remove_existing = yes

[${agent.id}]
type = endpoint
transport = transport-udp
aors = ${agent.id}
auth = ${agent.id}
context = from-agents
disallow = all
allow = ulaw,alaw,gsm
direct_media = no
rtp_symmetric = yes
force_rport = yes
rewrite_contact = yes
rtp_timeout = 120
`;

/**
 * Writes the agents as static endpoints into the load instance's Asterisk configuration and reloads
 * PJSIP (see asterisk-conf/app-queue-baseline/pjsip-baseline.conf for why).
 */
export async function loadStaticEndpoints(ami: AmiAdapter, etcDir: string, agents: LoadAgent[]): Promise<void> {
  const file = join(etcDir, 'pjsip-load-agents.conf');
  writeFileSync(file, agents.map(staticEndpoint).join('\n'), { mode: 0o600 });
  const owner = statSync(etcDir);
  chownSync(file, owner.uid, owner.gid);
  await ami.command('module reload res_pjsip.so');
}

/** Registers every agent's contact at 127.0.0.1:`port`, where one SIPp answers for all of them. */
export async function registerAgents(target: string, agents: LoadAgent[], port: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'hotline-load-register-'));
  const injection = join(dir, 'agents.csv');
  writeFileSync(injection, ['SEQUENTIAL', ...agents.map((a) => `${a.id};[authentication username=${a.id} password=${a.sipPassword}]`), ''].join('\n'));
  const run = runSipp(dir, target, 'register-agents.xml', ['-i', '127.0.0.1', '-p', String(port), '-inf', injection, '-m', String(agents.length), '-r', '20', '-timeout', '60s', '-timeout_error']);
  const outcome = await run.done;
  if (outcome.successful !== agents.length) throw new Error(`registered ${outcome.successful} of ${agents.length} load agents`);
}

/** Makes the agents Ready in Hotline and members of app_queue's queues: each system gets only its own calls. */
export async function staffAllQueues(api: AdminApi, ami: AmiAdapter, agents: LoadAgent[]): Promise<void> {
  for (const agent of agents) {
    await api.post(`/agents/${agent.id}/state`, { state: 'ready' });
    for (const queue of ['bench', 'bench-silent']) {
      await ami.queueAdd(queue, `PJSIP/${agent.id}`, agent.id);
    }
  }
}
