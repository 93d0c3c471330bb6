import type { Agent, Queue, Skill, Team } from '@hotline/contracts';
import type { QaForm } from '@hotline/db';

/** The configuration `npm start` loads: three queues (one in Mandarin), four skills, four agents in one team. */
export const demoTeams: Team[] = [{ id: 'front-line', name: 'Front line' }];

export const demoSkills: Skill[] = [
  { id: 'general', name: 'General enquiries' },
  { id: 'billing', name: 'Billing' },
  { id: 'tech', name: 'Technical support' },
  { id: 'vip', name: 'VIP care' },
];

const queueDefaults = {
  strategy: 'longest-idle',
  weight: 1,
  slThresholdSecs: 20,
  slTargetPct: 80,
  ringTimeoutSecs: 15,
  wrapupSecs: 10,
  maxWaitSecs: 600,
  maxWaiting: 50,
  announceIntervalSecs: 30,
  overflow: { kind: 'goodbye' },
  expansion: [],
  recording: { mode: 'all', samplePct: 100 },
  survey: { mode: 'csat' },
  alerts: { abandonPctMax: 10, waitSecsMax: 120, agentStateSecsMax: 1800 },
  callback: { enabled: false, key: '1', maxAttempts: 3, retryAfterSecs: 300, ringSecs: 30, window: { from: '08:00', to: '20:00' } },
  language: 'en',
} as const satisfies Partial<Queue>;

export const demoQueues: Queue[] = [
  {
    ...queueDefaults,
    id: 'general',
    name: 'General enquiries',
    number: '7000',
    skills: [{ skillId: 'general', minLevel: 1 }],
    expansion: [],
    callback: { ...queueDefaults.callback, enabled: true },
  },
  {
    ...queueDefaults,
    id: 'billing',
    name: 'Billing',
    number: '7001',
    weight: 2,
    skills: [{ skillId: 'billing', minLevel: 7 }],
    // Relax the level after a minute rather than keep a caller waiting for a specialist.
    expansion: [{ afterSecs: 60, minLevel: 4 }],
    overflow: { kind: 'queue', queueId: 'general' },
    survey: { mode: 'nps' },
  },
  {
    // Callers of this line hear Mandarin throughout: "工号幺零零三为您服务".
    ...queueDefaults,
    id: 'mandarin',
    name: '普通话服务',
    number: '7002',
    language: 'zh',
    skills: [{ skillId: 'general', minLevel: 1 }],
  },
];

export const demoAgents: Agent[] = [
  { id: '1001', name: 'Alice Chen', teamId: 'front-line', skills: [{ skillId: 'general', level: 8 }, { skillId: 'billing', level: 7 }] },
  { id: '1002', name: 'Bob Li', teamId: 'front-line', skills: [{ skillId: 'general', level: 6 }] },
  { id: '1003', name: 'Carol Wang', teamId: 'front-line', skills: [{ skillId: 'general', level: 5 }, { skillId: 'tech', level: 9 }] },
  { id: '1004', name: 'Dave Zhao', teamId: 'front-line', skills: [{ skillId: 'billing', level: 9 }, { skillId: 'vip', level: 8 }] },
];

/** The QA form reviewers start with; admins change it or add others (PUT /qa/forms/{id}). */
export const demoQaForm: QaForm = {
  id: 'standard',
  name: 'Standard call review',
  criteria: [
    { id: 'greeting', label: 'Greets, gives name, identifies the caller', weight: 10 },
    { id: 'understanding', label: 'Understands the request, asks the right questions', weight: 20 },
    { id: 'resolution', label: 'Resolves the request or sets a clear next step', weight: 40 },
    { id: 'tone', label: 'Courteous, clear, empathetic', weight: 20 },
    { id: 'wrap-up', label: 'Summarises, records the disposition', weight: 10 },
  ],
};
