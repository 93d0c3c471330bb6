// ACD selection benchmark: packages/acd against the naive linear-scan selector, side by side in
// one run, on the same state and the same sequence of decisions. Every decision's pick is
// compared and the run aborts on the first disagreement.
//
//   npx tsx bench/acd-selection.ts
//
// Per size: 50 skills, 75 queues, agents with 4–8 skills each, 1,000 calls waiting with ages
// spread over 90 s (so skill expansion thresholds differ between calls), most agents on calls.
// Each decision is either "a call arrives" (call → agent) or "an agent ends a call and is Ready
// again" (agent → call), chosen to hold the line at 1,000. Time moves 5 ms per decision; what
// skill expansion makes servable meanwhile is dispatched, untimed, before the next decision, so
// every measured decision is exactly one pick for both selectors.
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Acd } from '@hotline/acd';
import type { AgentConfig, QueueConfig } from '@hotline/acd';
import { naiveAgentForCall, naiveCallForAgent } from './naive-acd-selector.js';
import type { NaiveAgent, NaiveCall } from './naive-acd-selector.js';
import { between, pick, prng } from './prng.js';

const SIZES = [100, 1_000, 10_000];
const SKILLS = Array.from({ length: 50 }, (_, i) => `skill${i}`);
const PAIRED_QUEUES = 25; // besides one queue per skill
const WAITING = 1_000;
const WARM_UP = 2_000;
const DECISIONS = 20_000;
const SEED = 20_240_601;
const STEP_MS = 5;

type Random = () => number;
type Kind = 'call → agent' | 'agent → call';

function buildQueues(random: Random): QueueConfig[] {
  const expansion = [
    { afterSeconds: 20, minLevel: 4 },
    { afterSeconds: 60, minLevel: 1 },
  ];
  const single = SKILLS.map((skill) => [skill]);
  const paired = Array.from({ length: PAIRED_QUEUES }, (_, i) => [SKILLS[2 * i] as string, SKILLS[2 * i + 1] as string]);
  return [...single, ...paired].map((skills, i) => ({
    id: `queue${i}`,
    skills: skills.map((skill) => ({ skill, minLevel: 7, expansion })),
    strategy: i % 3 === 0 ? 'best-skill' : 'longest-idle',
    weight: between(random, 0, 2),
  }));
}

function buildAgents(random: Random, count: number): AgentConfig[] {
  return Array.from({ length: count }, (_, i) => {
    const skills = [...SKILLS].sort(() => random() - 0.5).slice(0, between(random, 4, 8));
    return { id: `agent${String(i).padStart(5, '0')}`, skills: Object.fromEntries(skills.map((skill) => [skill, between(random, 1, 10)])) };
  });
}

function randomPriority(random: Random): number {
  const roll = random();
  return roll < 0.05 ? 2 : roll < 0.2 ? 1 : 0; // 5 % VIP, 15 % gold
}

/** The engine's offers for one decision, answered at once so the agent is on a call again. */
function answerAll(acd: Acd, now: number): { callId: string; agentId: string }[] {
  const offers = acd.dispatch(now);
  for (const offer of offers) acd.answer(offer.callId, now);
  return offers;
}

/** Logs everyone in, puts most agents on calls and leaves exactly WAITING calls in line. */
function steadyState(random: Random, queues: QueueConfig[], agents: AgentConfig[]): { acd: Acd; now: number; nextCall: () => string } {
  let now = 0;
  let calls = 0;
  const nextCall = (): string => `call${calls++}`;
  const acd = new Acd({ queues, agents }, now);
  for (const agent of agents) {
    now += 1;
    acd.setDeviceRegistered(agent.id, true, now);
    if (random() < 0.1) acd.setAgentState(agent.id, { state: 'NotReady', reason: 'break' }, now);
    else acd.setAgentState(agent.id, { state: 'Ready' }, now);
  }
  for (let i = 0; i < agents.length; i++) {
    acd.enqueue({ id: nextCall(), queueId: pick(random, queues).id, priority: randomPriority(random) }, now);
    answerAll(acd, now);
  }
  const start = now;
  for (let i = 0; i < WAITING; i++) {
    now = start + Math.round((i * 90_000) / WAITING);
    acd.enqueue({ id: nextCall(), queueId: pick(random, queues).id, priority: randomPriority(random) }, now);
    answerAll(acd, now);
  }
  now = start + 90_000;
  answerAll(acd, now);
  const waiting = queues.flatMap((queue) => acd.waitingCalls(queue.id));
  for (const call of waiting.sort(() => random() - 0.5).slice(WAITING)) acd.abandon(call.id, now);
  for (let count = waiting.length; count < WAITING; count++) {
    acd.enqueue({ id: nextCall(), queueId: pick(random, queues).id, priority: randomPriority(random) }, now);
    answerAll(acd, now);
  }
  return { acd, now, nextCall };
}

interface Samples {
  ours: number[];
  naive: number[];
}

function measure(size: number): { samples: Map<Kind, Samples>; start: string } {
  const random = prng(SEED + size);
  const queues = buildQueues(random);
  const queuesById = new Map(queues.map((queue) => [queue.id, queue]));
  const agents = buildAgents(random, size);
  const state = steadyState(random, queues, agents);
  const { acd, nextCall } = state;
  let now = state.now;

  // The naive selector starts from the engine's exact state.
  const naiveAgents: NaiveAgent[] = agents.map((agent) => {
    const { state, idleSince } = acd.agent(agent.id);
    return { id: agent.id, skills: agent.skills, ready: state === 'Ready', idleSince };
  });
  const naiveById = new Map(naiveAgents.map((agent) => [agent.id, agent]));
  const waiting = new Map<string, NaiveCall>(queues.flatMap((queue) => acd.waitingCalls(queue.id)).map((call) => [call.id, call]));
  if (waiting.size !== WAITING) throw new Error(`expected ${WAITING} waiting calls, have ${waiting.size}`);
  const onCall = agents.map((agent) => agent.id).filter((id) => acd.agent(id).state === 'OnCall');
  const ready = naiveAgents.filter((agent) => agent.ready).length;
  const start = `${integer(size)} agents: ${integer(onCall.length)} on a call, ${integer(ready)} Ready, ${integer(size - onCall.length - ready)} not ready`;

  const samples = new Map<Kind, Samples>([
    ['call → agent', { ours: [], naive: [] }],
    ['agent → call', { ours: [], naive: [] }],
  ]);
  const served = (offer: { callId: string; agentId: string }): void => {
    waiting.delete(offer.callId);
    (naiveById.get(offer.agentId) as NaiveAgent).ready = false;
    onCall.push(offer.agentId);
  };
  for (let i = 0; i < WARM_UP + DECISIONS; i++) {
    now += STEP_MS;
    answerAll(acd, now).forEach(served);
    const kind: Kind = waiting.size < WAITING || onCall.length === 0 ? 'call → agent' : 'agent → call';
    let offers: { callId: string; agentId: string }[];
    let naivePick: { callId: string; agentId: string } | undefined;
    let ours: number;
    let naive: number;
    if (kind === 'call → agent') {
      const call: NaiveCall = { id: nextCall(), queueId: pick(random, queues).id, priority: randomPriority(random), enqueuedAt: now };
      const t0 = performance.now();
      acd.enqueue(call, now);
      offers = acd.dispatch(now);
      const t1 = performance.now();
      waiting.set(call.id, call);
      const agent = naiveAgentForCall(queuesById.get(call.queueId) as QueueConfig, call, naiveAgents, now);
      const t2 = performance.now();
      [ours, naive] = [t1 - t0, t2 - t1];
      naivePick = agent && { callId: call.id, agentId: agent.id };
    } else {
      const index = Math.floor(random() * onCall.length);
      const agentId = onCall[index] as string;
      onCall[index] = onCall[onCall.length - 1] as string;
      onCall.pop();
      const t0 = performance.now();
      acd.endCall(agentId, now);
      offers = acd.dispatch(now);
      const t1 = performance.now();
      const agent = naiveById.get(agentId) as NaiveAgent;
      agent.ready = true;
      agent.idleSince = now;
      const call = naiveCallForAgent(agent, waiting.values(), queuesById, now);
      const t2 = performance.now();
      [ours, naive] = [t1 - t0, t2 - t1];
      naivePick = call && { callId: call.id, agentId };
    }
    const [offer, ...extra] = offers;
    if (extra.length > 0 || offer?.callId !== naivePick?.callId || offer?.agentId !== naivePick?.agentId) {
      throw new Error(`decision ${i} (${kind}) at ${size} agents: engine ${JSON.stringify(offers)} ≠ naive ${JSON.stringify(naivePick)}`);
    }
    if (offer !== undefined) {
      acd.answer(offer.callId, now);
      served(offer);
    }
    if (i >= WARM_UP) {
      const recorded = samples.get(kind) as Samples;
      recorded.ours.push(ours);
      recorded.naive.push(naive);
    }
  }
  return { samples, start };
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

function summarise(durations: readonly number[]): { perSecond: number; p50: number; p99: number } {
  const sorted = [...durations].sort((a, b) => a - b);
  const total = durations.reduce((sum, ms) => sum + ms, 0);
  return { perSecond: (durations.length / total) * 1000, p50: percentile(sorted, 50) * 1000, p99: percentile(sorted, 99) * 1000 };
}

const integer = (n: number): string => Math.round(n).toLocaleString('en-US');
const micros = (n: number): string => n.toFixed(n < 10 ? 2 : 1);

const cpu = cpus();
console.log(`Node ${process.version}, ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}`);
console.log(
  `${SKILLS.length} skills, ${SKILLS.length + PAIRED_QUEUES} queues, ${integer(WAITING)} calls waiting; ${integer(DECISIONS)} measured decisions per size after ${integer(WARM_UP)} ` +
    'warm-up; every pick was identical to the naive scan.',
);
console.log('');
console.log('| agents | decision | n | ours dec/s | naive dec/s | ours ÷ naive | ours p50 µs | naive p50 µs | ours p99 µs | naive p99 µs |');
console.log('|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|');
const starts: string[] = [];
for (const size of SIZES) {
  const { samples, start } = measure(size);
  starts.push(start);
  const all: Samples = { ours: [], naive: [] };
  for (const { ours, naive } of samples.values()) {
    all.ours.push(...ours);
    all.naive.push(...naive);
  }
  for (const [kind, { ours, naive }] of [...samples, ['all' as const, all] as const]) {
    const a = summarise(ours);
    const b = summarise(naive);
    const row = [integer(size), kind, integer(ours.length), integer(a.perSecond), integer(b.perSecond), `${(a.perSecond / b.perSecond).toFixed(1)}×`];
    row.push(micros(a.p50), micros(b.p50), micros(a.p99), micros(b.p99));
    console.log(`| ${row.join(' | ')} |`);
  }
}
console.log('');
console.log(`When measurement began — ${starts.join('; ')}.`);
