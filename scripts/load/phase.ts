import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Pool } from '@hotline/db';
import type { AmiAdapter } from '@hotline/asterisk';
import { checkCdrs, type CdrVerdict } from './cdr-check.js';
import { cpuSince, type CpuMeter } from './cpu.js';
import { watchPatience } from './patience.js';
import { callerInjection, planCalls, type LoadShape } from './plan.js';
import { runSipp } from './sipp.js';
import { percentile } from './stats.js';
import type { CallTimeline } from './timeline.js';
import { writeVoiceFile } from './voice.js';

/** Hotline; app_queue with the same announcements; app_queue without them (its dispatch alone). */
export type SystemUnderTest = 'hotline' | 'app_queue' | 'app_queue-silent';

/** Where each system's callers come from and what they dial (asterisk-conf: trunk and baseline trunk). */
export interface SystemEntry {
  system: SystemUnderTest;
  callerAddress: string;
  dial: string;
  timeline: CallTimeline;
}

export interface PhaseDeps {
  sipTarget: string;
  agentPort: number;
  cpu: CpuMeter;
  pool: Pool;
  /** Hangs up callers who run out of patience. */
  ami: AmiAdapter;
  /** Caller numbers that got an ANSWERED Asterisk CDR in the app_queue baseline. */
  baselineCdrs: Set<string>;
}

export interface PhaseResult {
  system: SystemUnderTest;
  rate: number;
  offered: number;
  connected: number;
  /** Callers who ran out of patience before an agent was rung (with --patience). */
  gaveUp: number;
  /** Callers released without reaching an agent (the queue's 60 s limit). */
  notConnected: number;
  /** Callers still up in Asterisk when the phase was over: nobody released them (a failure). */
  stranded: number;
  sippFailed: number;
  inviteToAgentMs: { p50?: number; p99?: number };
  answerToConnectMs: { p50?: number; p99?: number };
  waitMs: { p50?: number; p99?: number };
  peakConcurrentCalls: number;
  cpuMs: Record<string, number>;
  /** Hotline: our own call records checked; app_queue: Asterisk's CDRs counted. */
  cdr: CdrVerdict;
  failed: number;
}

/** SIPp starts the paused callers this fast; the scenario waits out the rest to each arrival. */
const LAUNCH_RATE = 200;

/** One system, one rate: Poisson callers for `shape.secs`, every agent answering, until the last caller is gone. */
export async function runPhase(entry: SystemEntry, shape: LoadShape, prefix: string, deps: PhaseDeps): Promise<PhaseResult> {
  const calls = planCalls(shape, prefix);
  const dir = mkdtempSync(join(tmpdir(), `hotline-load-${entry.system}-`));
  const injection = join(dir, 'callers.csv');
  writeFileSync(injection, callerInjection(calls, LAUNCH_RATE));
  writeVoiceFile(join(dir, 'voice.ulaw')); // the scenarios' rtp_stream, found in SIPp's folder
  const longestSecs = shape.secs + 60 + 100 + 30; // arrivals, the queue's max wait, the longest talk, slack
  entry.timeline.clear();

  // Agents answer more INVITEs than there are callers (rings not answered in time, retransmissions): no cap that could run out.
  const agents = runSipp(dir, deps.sipTarget, 'agent.xml', ['-i', '127.0.0.1', '-mi', '127.0.0.1', '-p', String(deps.agentPort), '-m', String(calls.length * 4), '-timeout', `${longestSecs}s`]);
  const before = deps.cpu.read();
  const callers = runSipp(dir, deps.sipTarget, 'caller.xml', [
    '-i', entry.callerAddress, '-mi', entry.callerAddress, '-s', entry.dial, '-inf', injection,
    '-m', String(calls.length), '-l', String(calls.length), '-r', String(LAUNCH_RATE), '-timeout', `${longestSecs}s`,
  ]);
  const patience = watchPatience(calls, entry.timeline, deps.ami);
  // Bounded: past the longest a caller can be up, the phase ends whatever SIPp is waiting for.
  const deadline = setTimeout(() => {
    callers.stop();
    agents.stop();
  }, (longestSecs + 10) * 1000);
  const callerOutcome = await callers.done;
  clearTimeout(deadline);
  const gaveUp = patience.stop();
  const stranded = await hangUpStranded(deps.ami, new Set(calls.map((c) => c.number)));
  const cpuMs = cpuSince(before, deps.cpu.read());
  // Every caller is gone; an agent still waiting for an INVITE that never came is not a failure of its own.
  const settle = setTimeout(() => agents.stop(), 5_000);
  const agentOutcome = await agents.done;
  clearTimeout(settle);

  const timings = entry.timeline.timings(calls.map((c) => c.number));
  const connected = timings.filter((t) => t.waitMs !== undefined);
  const cdr =
    entry.system === 'hotline'
      ? await checkCdrs(deps.pool, prefix, calls, timings, gaveUp)
      : baselineVerdict(calls.filter((c) => deps.baselineCdrs.has(c.number)).length);
  const sippFailed = callerOutcome.failed + agentOutcome.failed;
  const notConnected = calls.length - connected.length - gaveUp.size;
  const values = (pick: (t: (typeof timings)[number]) => number | undefined) => timings.map(pick).filter((v): v is number => v !== undefined);
  const summary = (list: number[]) => ({ p50: percentile(list, 50), p99: percentile(list, 99) });
  return {
    system: entry.system,
    rate: shape.rate,
    offered: calls.length,
    connected: connected.length,
    gaveUp: gaveUp.size,
    notConnected,
    stranded,
    sippFailed,
    inviteToAgentMs: summary(values((t) => t.inviteToAgentMs)),
    answerToConnectMs: summary(values((t) => t.answerToConnectMs)),
    waitMs: summary(values((t) => t.waitMs)),
    peakConcurrentCalls: entry.timeline.peakConcurrentCalls,
    cpuMs,
    cdr,
    failed: Math.max(notConnected, sippFailed, calls.length - cdr.correct) + stranded,
  };
}

/** app_queue's record of a caller is an answered CDR: nothing else is counted for it. */
function baselineVerdict(answered: number): CdrVerdict {
  return { stored: answered, correct: answered, accounted: answered, refused: 0, problems: [] };
}

/**
 * Callers of this phase whose channel is still up once every caller should be gone: counted, told
 * apart by what they were left in (so a stranding can be traced), then hung up.
 */
async function hangUpStranded(ami: AmiAdapter, numbers: ReadonlySet<string>): Promise<number> {
  const channels = await ami.channels();
  const left = channels.filter((c) => numbers.has(c.callerNumber) && /^PJSIP\/(baseline-)?trunk-/.test(c.channel));
  const kinds = new Map<string, number>();
  for (const caller of left) {
    const partners = caller.bridgeId ? channels.filter((c) => c.bridgeId === caller.bridgeId && c.channel !== caller.channel).map((c) => c.channel.replace(/-[0-9a-f]+$/, '')) : [];
    const kind = `${caller.application}(${caller.applicationData.split(',').slice(0, 2).join(',')}) bridged with [${partners.join(' ')}]`;
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
  }
  for (const [kind, count] of kinds) console.error(`[load] stranded: ${count} × ${kind}`);
  for (const channel of left) await ami.hangup(channel.channel).catch(() => undefined);
  return left.length;
}
