// The routing benchmark's world: queues and agents as an administrator stores them, and the
// steady state a busy centre is in, reached on several engines in lockstep (the bare engine and
// the one inside the control service's RoutingService get exactly the same operations).
import type { Acd } from '@hotline/acd';
import type { Agent, Queue } from '@hotline/contracts';
import { demoQueues } from '../services/control/src/demo/demo-config.js';
import { between, pick, type Random } from './prng.js';

export const SKILLS = Array.from({ length: 50 }, (_, i) => `skill${i}`);
export const PAIRED_QUEUES = 25; // besides one queue per skill
export const WAITING = 1_000;

export function buildQueues(random: Random): Queue[] {
  const single = SKILLS.map((skill) => [skill]);
  const paired = Array.from({ length: PAIRED_QUEUES }, (_, i) => [SKILLS[2 * i] as string, SKILLS[2 * i + 1] as string]);
  return [...single, ...paired].map((skills, i) => ({
    ...(demoQueues[0] as Queue),
    id: `queue${i}`,
    name: `Queue ${i}`,
    number: String(8000 + i),
    skills: skills.map((skillId) => ({ skillId, minLevel: 7 })),
    expansion: [
      { afterSecs: 20, minLevel: 4 },
      { afterSecs: 60, minLevel: 1 },
    ],
    strategy: i % 3 === 0 ? 'best-skill' : 'longest-idle',
    weight: between(random, 1, 3),
    // Nobody overflows or wraps up: every decision is one pick.
    maxWaiting: 10_000,
    maxWaitSecs: 7_200,
    wrapupSecs: 0,
  }));
}

export function buildAgents(random: Random, count: number): Agent[] {
  return Array.from({ length: count }, (_, i) => {
    const skills = [...SKILLS].sort(() => random() - 0.5).slice(0, between(random, 4, 8));
    return { id: `agent${String(i).padStart(5, '0')}`, name: `Agent ${i}`, teamId: null, skills: skills.map((skillId) => ({ skillId, level: between(random, 1, 10) })) };
  });
}

export function randomPriority(random: Random): number {
  const roll = random();
  return roll < 0.05 ? 2 : roll < 0.2 ? 1 : 0; // 5 % VIP, 15 % gold
}

/** Each engine's offers for one moment, answered at once; every engine must make the same ones. */
export function answerAll(acds: readonly Acd[], now: number): { callId: string; agentId: string }[] {
  const all = acds.map((acd) => {
    const offers = acd.dispatch(now);
    for (const offer of offers) acd.answer(offer.callId, now);
    return offers.map(({ callId, agentId }) => ({ callId, agentId }));
  });
  const [first = [], ...others] = all;
  for (const other of others) if (JSON.stringify(other) !== JSON.stringify(first)) throw new Error(`engines disagree at ${now}`);
  return first;
}

/** Logs everyone in, puts most agents on calls and leaves exactly WAITING calls in line, on every engine alike. */
export function steadyState(random: Random, queues: Queue[], agents: Agent[], acds: readonly Acd[]): { now: number; nextCall: () => string } {
  let now = 0;
  let calls = 0;
  const nextCall = (): string => `call${calls++}`;
  const each = (change: (acd: Acd) => unknown) => acds.forEach(change);
  const arrive = () => {
    const call = { id: nextCall(), queueId: pick(random, queues).id, priority: randomPriority(random) };
    each((acd) => acd.enqueue(call, now));
    answerAll(acds, now);
  };
  for (const agent of agents) {
    now += 1;
    each((acd) => acd.setDeviceRegistered(agent.id, true, now));
    const target = random() < 0.1 ? ({ state: 'NotReady', reason: 'break' } as const) : ({ state: 'Ready' } as const);
    each((acd) => acd.setAgentState(agent.id, target, now));
  }
  for (let i = 0; i < agents.length; i++) arrive();
  const start = now;
  for (let i = 0; i < WAITING; i++) {
    now = start + Math.round((i * 90_000) / WAITING);
    arrive();
  }
  now = start + 90_000;
  answerAll(acds, now);
  const [first] = acds as [Acd];
  const waiting = queues.flatMap((queue) => first.waitingCalls(queue.id));
  for (const call of waiting.sort(() => random() - 0.5).slice(WAITING)) each((acd) => acd.abandon(call.id, now));
  for (let count = waiting.length; count < WAITING; count++) arrive();
  return { now, nextCall };
}
