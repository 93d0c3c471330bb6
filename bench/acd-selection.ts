// ACD selection benchmark: the routing engine alone, the same engine through the control
// service's RoutingService (the path a production offer takes: state change, dispatch, the
// offer's rationale, the closed intervals handed to the writer), and the naive linear-scan
// selector, side by side in one run, on the same state and the same sequence of decisions. Every
// decision's pick is compared and the run aborts on the first disagreement.
//
//   npx tsx bench/acd-selection.ts        # or: npm run bench:acd
//
// Per size: 50 skills, 75 queues, agents with 4–8 skills each, 1,000 calls waiting with ages
// spread over 90 s (so skill expansion thresholds differ between calls), most agents on calls.
// Each decision is either "a call arrives" (call → agent) or "an agent ends a call and is Ready
// again" (agent → call), chosen to hold the line at 1,000. Time moves 5 ms per decision; what
// skill expansion makes servable meanwhile is dispatched, untimed, before the next decision, so
// every measured decision is exactly one pick for every selector.
//
// Warm: decisions back to back. Cold cache: before each selector's decision a buffer four times
// the size of L2 is read, untimed, as the rest of a busy service would between two calls.
// Wait estimate: what each queue announcement asks (RoutingService.freeInSecs), beside the full
// explanation of every agent's standing that it used to be built from.
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Acd } from '@hotline/acd';
import type { QueueConfig } from '@hotline/acd';
import pino from 'pino';
import { toAgentConfig, toQueueConfig } from '../services/control/src/features/routing/acd-config.js';
import { IntervalWriter } from '../services/control/src/features/routing/interval-writer.js';
import { RoutingService } from '../services/control/src/features/routing/routing-service.js';
import { answerAll, buildAgents, buildQueues, randomPriority, SKILLS, PAIRED_QUEUES, steadyState, WAITING } from './acd-world.js';
import { naiveAgentForCall, naiveCallForAgent } from './naive-acd-selector.js';
import type { NaiveAgent, NaiveCall } from './naive-acd-selector.js';
import { pick, prng } from './prng.js';

const SIZES = [100, 1_000, 10_000];
const COLD_SIZE = 10_000;
const WARM_UP = 2_000;
const DECISIONS = 20_000;
const COLD_DECISIONS = 3_000;
const ESTIMATES = 2_000;
const SEED = 20_240_601;
const STEP_MS = 5;
const EVICT_BYTES = 16 * 1024 * 1024;

type Kind = 'call → agent' | 'agent → call';
type Lane = 'engine' | 'service' | 'naive';
type Samples = Record<Lane, number[]>;

const evictBuffer = new Float64Array(EVICT_BYTES / 8);
function evictCaches(): void {
  let sum = 0;
  for (let i = 0; i < evictBuffer.length; i += 8) sum += evictBuffer[i] as number;
  evictBuffer[0] = sum; // a use of the sum, so the reads cannot be optimised away
}

function timed(cold: boolean, work: () => void): number {
  if (cold) evictCaches();
  const t0 = performance.now();
  work();
  return performance.now() - t0;
}

type Pick = { callId: string; agentId: string };

/** One measured decision as the engine made it, replayed on the service and the naive scan. */
interface Decision {
  readonly now: number;
  readonly kind: Kind;
  /** What skill expansion made servable since the last decision: dispatched and answered untimed first. */
  readonly before: Pick[];
  readonly call?: NaiveCall;
  readonly agentId?: string;
  /** The call that agent ends. */
  readonly callId?: string;
  readonly pick: Pick | undefined;
}

const samePick = (a: Pick | undefined, b: Pick | undefined): boolean => a?.callId === b?.callId && a?.agentId === b?.agentId;

function disagree(lane: Lane, decision: Decision, index: number, got: readonly Pick[]): Error {
  return new Error(`${lane}, decision ${index} (${decision.kind}): ${JSON.stringify(got)} ≠ engine ${JSON.stringify(decision.pick)}`);
}

/**
 * Each selector runs the whole sequence on its own, one after the other, so "warm" means its own
 * data stayed in cache between its decisions (interleaving them would let the naive scan evict the
 * engine's). The engine's pass draws the decisions; the others replay them and must pick alike.
 */
function measure(size: number, decisions: number, cold: boolean): { samples: Map<Kind, Samples>; estimates: Samples; start: string } {
  const random = prng(SEED + size);
  const queues = buildQueues(random);
  const configs = new Map(queues.map((queue) => [queue.id, toQueueConfig(queue)]));
  const agents = buildAgents(random, size);
  const acd = new Acd({ queues: [...configs.values()], agents: agents.map(toAgentConfig) }, 0);
  const writer = new IntervalWriter(async () => undefined, { warn: () => undefined });
  const router = new RoutingService(queues, agents, writer, pino({ level: 'silent' }), 0);
  const { nextCall, ...state } = steadyState(random, queues, agents, [acd, router.acd]);

  // The naive selector starts from the engine's exact state.
  const naiveAgents: NaiveAgent[] = agents.map((agent) => {
    const { state, idleSince } = acd.agent(agent.id);
    return { id: agent.id, skills: toAgentConfig(agent).skills, ready: state === 'Ready', idleSince };
  });
  const naiveById = new Map(naiveAgents.map((agent) => [agent.id, agent]));
  const waiting = new Map<string, NaiveCall>(queues.flatMap((queue) => acd.waitingCalls(queue.id)).map((call) => [call.id, call]));
  if (waiting.size !== WAITING) throw new Error(`expected ${WAITING} waiting calls, have ${waiting.size}`);
  const onCall = agents.map((agent) => agent.id).filter((id) => acd.agent(id).state === 'OnCall');
  const ready = naiveAgents.filter((agent) => agent.ready).length;
  const start = `${integer(size)} agents: ${integer(onCall.length)} on a call, ${integer(ready)} Ready, ${integer(size - onCall.length - ready)} not ready`;

  const samples = new Map<Kind, Samples>([
    ['call → agent', { engine: [], service: [], naive: [] }],
    ['agent → call', { engine: [], service: [], naive: [] }],
  ]);
  const record = (lane: Lane, index: number, kind: Kind, ms: number) => {
    if (index >= WARM_UP) (samples.get(kind) as Samples)[lane].push(ms);
  };

  // The engine: draws each decision from its own state.
  const script: Decision[] = [];
  let inLine = WAITING;
  let now = state.now;
  for (let i = 0; i < WARM_UP + decisions; i++) {
    now += STEP_MS;
    const before = answerAll([acd], now);
    inLine -= before.length;
    onCall.push(...before.map((offer) => offer.agentId));
    const kind: Kind = inLine < WAITING || onCall.length === 0 ? 'call → agent' : 'agent → call';
    let offers: Pick[] = [];
    let decision: Omit<Decision, 'pick'>;
    if (kind === 'call → agent') {
      const call: NaiveCall = { id: nextCall(), queueId: pick(random, queues).id, priority: randomPriority(random), enqueuedAt: now };
      inLine++;
      record('engine', i, kind, timed(cold, () => {
        acd.enqueue(call, now);
        offers = acd.dispatch(now);
      }));
      decision = { now, kind, before, call };
    } else {
      const index = Math.floor(random() * onCall.length);
      const agentId = onCall[index] as string;
      onCall[index] = onCall[onCall.length - 1] as string;
      onCall.pop();
      const callId = acd.agent(agentId).callId as string;
      record('engine', i, kind, timed(cold, () => {
        acd.endCall(agentId, now);
        offers = acd.dispatch(now);
      }));
      decision = { now, kind, before, agentId, callId };
    }
    if (offers.length > 1) throw new Error(`decision ${i} made ${offers.length} offers`);
    const offer = offers[0] && { callId: offers[0].callId, agentId: offers[0].agentId };
    if (offer) {
      acd.answer(offer.callId, now);
      inLine--;
      onCall.push(offer.agentId);
    }
    script.push({ ...decision, pick: offer });
  }

  // The service: the same decisions through RoutingService.
  script.forEach((decision, i) => {
    const before = router.dispatch(decision.now);
    for (const offer of before) router.answered(offer.callId, decision.now);
    if (before.length !== decision.before.length || before.some((offer, k) => !samePick(offer, decision.before[k]))) throw disagree('service', decision, i, before);
    let routed: Pick[] = [];
    record('service', i, decision.kind, timed(cold, () => {
      if (decision.call) router.enqueue(decision.call, decision.now);
      else router.ended({ id: decision.callId as string, agentId: decision.agentId as string, talked: true }, decision.now);
      routed = router.dispatch(decision.now);
    }));
    if (routed.length > 1 || !samePick(routed[0], decision.pick)) throw disagree('service', decision, i, routed);
    if (decision.pick) router.answered(decision.pick.callId, decision.now);
  });

  // The naive scan, from the state the engine started at.
  const served = (offer: Pick): void => {
    waiting.delete(offer.callId);
    (naiveById.get(offer.agentId) as NaiveAgent).ready = false;
  };
  script.forEach((decision, i) => {
    decision.before.forEach(served);
    let naive: Pick | undefined;
    const { call, agentId, now } = decision;
    if (call) waiting.set(call.id, call);
    record('naive', i, decision.kind, timed(cold, () => {
      if (call) {
        const agent = naiveAgentForCall(configs.get(call.queueId) as QueueConfig, call, naiveAgents, now);
        naive = agent && { callId: call.id, agentId: agent.id };
      } else {
        const agent = naiveById.get(agentId as string) as NaiveAgent;
        agent.ready = true;
        agent.idleSince = now;
        const next = naiveCallForAgent(agent, waiting.values(), configs, now);
        naive = next && { callId: next.id, agentId: agent.id };
      }
    }));
    if (!samePick(naive, decision.pick)) throw disagree('naive', decision, i, naive ? [naive] : []);
    if (naive) served(naive);
  });

  const estimates: Samples = { engine: [], service: [], naive: [] };
  const line = [...waiting.keys()];
  for (let i = 0; i < (cold ? 0 : ESTIMATES); i++) {
    const callId = pick(random, line);
    estimates.service.push(timed(false, () => router.freeInSecs(callId, now, 180)));
    estimates.naive.push(timed(false, () => router.explain(callId, now, Infinity)));
  }
  return { samples, estimates, start };
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

function table(rows: { size: number; label: string; lanes: Samples }[]): void {
  console.log('| agents | decision | n | engine dec/s | service dec/s | naive dec/s | service ÷ naive | engine p50 µs | service p50 µs | naive p50 µs | engine p99 µs | service p99 µs | naive p99 µs |');
  console.log('|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const { size, label, lanes } of rows) {
    const [engine, service, naive] = [summarise(lanes.engine), summarise(lanes.service), summarise(lanes.naive)];
    const row = [integer(size), label, integer(lanes.service.length), integer(engine.perSecond), integer(service.perSecond), integer(naive.perSecond)];
    row.push(`${(service.perSecond / naive.perSecond).toFixed(1)}×`, micros(engine.p50), micros(service.p50), micros(naive.p50), micros(engine.p99), micros(service.p99), micros(naive.p99));
    console.log(`| ${row.join(' | ')} |`);
  }
}

function rowsOf(size: number, samples: Map<Kind, Samples>): { size: number; label: string; lanes: Samples }[] {
  const all: Samples = { engine: [], service: [], naive: [] };
  for (const lanes of samples.values()) for (const lane of ['engine', 'service', 'naive'] as const) all[lane].push(...lanes[lane]);
  return [...[...samples].map(([label, lanes]) => ({ size, label, lanes })), { size, label: 'all', lanes: all }];
}

const cpu = cpus();
console.log(`Node ${process.version}, ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}`);
console.log(
  `${SKILLS.length} skills, ${SKILLS.length + PAIRED_QUEUES} queues, ${integer(WAITING)} calls waiting; ${integer(DECISIONS)} measured decisions per size after ${integer(WARM_UP)} ` +
    'warm-up; every pick was identical across the engine, the service and the naive scan.',
);
console.log('');
console.log('Warm:');
console.log('');
const starts: string[] = [];
const estimates: { size: number; service: number[]; scan: number[] }[] = [];
const warm = SIZES.flatMap((size) => {
  const result = measure(size, DECISIONS, false);
  starts.push(result.start);
  estimates.push({ size, service: result.estimates.service, scan: result.estimates.naive });
  return rowsOf(size, result.samples);
});
table(warm);
console.log('');
console.log(`Cold cache (${integer(EVICT_BYTES / 1024 / 1024)} MiB read before each selector's decision; ${integer(COLD_DECISIONS)} measured decisions):`);
console.log('');
table(rowsOf(COLD_SIZE, measure(COLD_SIZE, COLD_DECISIONS, true).samples));
console.log('');
console.log(`Wait estimate for one queue announcement (${integer(ESTIMATES)} waiting calls picked at random):`);
console.log('');
console.log('| agents | estimate p50 µs | estimate p99 µs | full explanation p50 µs | full explanation p99 µs | explanation ÷ estimate (p50) |');
console.log('|---:|---:|---:|---:|---:|---:|');
for (const { size, service, scan } of estimates) {
  const [a, b] = [summarise(service), summarise(scan)];
  console.log(`| ${integer(size)} | ${micros(a.p50)} | ${micros(a.p99)} | ${micros(b.p50)} | ${micros(b.p99)} | ${(b.p50 / a.p50).toFixed(1)}× |`);
}
console.log('');
console.log(`When measurement began — ${starts.join('; ')}.`);
