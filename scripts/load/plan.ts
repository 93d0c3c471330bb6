import { prng } from '../../bench/prng.js';

/** One caller of a load phase: when they dial (ms after the phase starts) and how long the agent talks. */
export interface PlannedCall {
  number: string;
  atMs: number;
  talkMs: number;
  /** With a patience: the caller hangs up after waiting this long with no agent rung for them. */
  patienceMs?: number;
}

export interface LoadShape {
  /** Mean arrival rate, calls per second (Poisson). */
  rate: number;
  secs: number;
  /** Mean talk time (exponential), clipped to 1–99.9 s. */
  talkMeanSecs: number;
  seed: number;
  /** Mean patience (exponential, at least 1 s); callers wait for ever without one. */
  patienceMeanSecs?: number;
}

const exponential = (random: () => number, mean: number) => -Math.log(1 - random()) * mean;

/**
 * Poisson arrivals with exponential talk times, the same for every system given the same shape.
 * The talk time travels in the caller's number (last three digits, tenths of a second: see
 * sipp/agent.xml); `prefix` keeps one phase's numbers apart from another's.
 */
export function planCalls(shape: LoadShape, prefix: string): PlannedCall[] {
  const random = prng(shape.seed);
  const calls: PlannedCall[] = [];
  for (let atMs = exponential(random, 1000 / shape.rate); atMs < shape.secs * 1000; atMs += exponential(random, 1000 / shape.rate)) {
    const talkTenths = Math.min(999, Math.max(10, Math.round(exponential(random, shape.talkMeanSecs * 10))));
    const number = `${prefix}${String(calls.length).padStart(5, '0')}${String(talkTenths).padStart(3, '0')}`;
    calls.push({ number, atMs: Math.round(atMs), talkMs: talkTenths * 100 });
  }
  // A stream of its own, so adding patience leaves the arrivals and talk times of a seed as they were.
  const { patienceMeanSecs } = shape;
  if (patienceMeanSecs === undefined) return calls;
  const patience = prng(shape.seed + 1_000);
  return calls.map((call) => ({ ...call, patienceMs: Math.max(1_000, Math.round(exponential(patience, patienceMeanSecs * 1_000))) }));
}

/**
 * SIPp's injection file for the callers: SIPp starts call i at i / launchRate seconds and the
 * scenario waits the rest of the way to the planned arrival, so arrivals are exactly the plan's.
 */
export function callerInjection(calls: PlannedCall[], launchRate: number): string {
  const lines = calls.map((call, i) => `${call.number};${Math.max(0, call.atMs - Math.ceil((i * 1000) / launchRate))}`);
  return ['SEQUENTIAL', ...lines, ''].join('\n');
}
