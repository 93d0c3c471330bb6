// The load runner (scripts/load.sh starts the load instance, then this): the same Poisson callers
// against Hotline and against plain app_queue on the same Asterisk, side by side, at rising rates.
//   --rates 1,2,4   calls per second to try      --secs 60     arrivals per phase
//   --agents 40     SIPp agents answering both   --talk 8      mean talk time, seconds
//   --seed 7        the plan's seed (every system gets the same callers and talk times)
//   --systems hotline,app_queue,app_queue-silent   which to run (all by default)
//   --soak-mins 30 --soak-rate 1   instead: Hotline alone for that long, its memory sampled
//   --overload 60   then Hotline alone at this rate, far above what it can serve: every caller must
//                   still get one outcome (served, overflowed, refused busy) and none be stranded
//   --patience 20   callers give up after an exponential patience of this mean, seconds (Hotline only)
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { AmiAdapter, type AmiEvent } from '@hotline/asterisk';
import { loadConfig } from '@hotline/contracts';
import { createPool } from '@hotline/db';
import { loadStaticEndpoints, provisionAgents, registerAgents, staffAllQueues, LOAD_QUEUE } from './agents.js';
import { adminApi } from './api.js';
import { CpuMeter } from './cpu.js';
import { runPhase, type PhaseDeps, type PhaseResult, type SystemEntry, type SystemUnderTest } from './phase.js';
import { renderOverload, renderReport } from './report.js';
import { runSoak } from './soak.js';
import { CallTimeline } from './timeline.js';

const { values: args } = parseArgs({
  options: {
    rates: { type: 'string', default: '1,2,4' },
    secs: { type: 'string', default: '60' },
    agents: { type: 'string', default: '40' },
    talk: { type: 'string', default: '8' },
    seed: { type: 'string', default: '7' },
    systems: { type: 'string', default: 'hotline,app_queue,app_queue-silent' },
    'soak-mins': { type: 'string' },
    'soak-rate': { type: 'string', default: '1' },
    patience: { type: 'string' },
    overload: { type: 'string' },
  },
});
const number = (name: keyof typeof args) => {
  const value = Number(args[name]);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
};

/** Loopback addresses of the two trunks (scripts/stack.sh: trunk_match and baseline_trunk_match). */
const HOTLINE_TRUNK = '127.0.0.2';
const BASELINE_TRUNK = '127.0.0.3';
const AGENT_PORT = 7695;

const config = loadConfig();
const pid = (name: string) => Number(readFileSync(join(config.paths.state, `${name}.pid`), 'utf8').trim());
const cpu = new CpuMeter({ asterisk: pid('asterisk'), control: pid('control'), workers: pid('workers'), redis: pid('redis'), postgres: pid('pg') });
const pool = createPool(config.postgres, 2);
const quiet = { info: () => undefined, warn: () => undefined, debug: () => undefined };
const ami = new AmiAdapter(config.ami, quiet);
const timelines = [new CallTimeline(/^PJSIP\/trunk-/), new CallTimeline(/^PJSIP\/baseline-trunk-/)] as const;
const baselineCdrs = new Set<string>();
ami.on('event', (event: AmiEvent) => {
  for (const timeline of timelines) timeline.onEvent(event);
  // app_queue's record of a caller who reached an agent: an answered CDR whose far end is an agent's channel.
  if (event.event === 'Cdr' && event.destinationcontext === 'app-queue-baseline' && event.disposition === 'ANSWERED' && /^PJSIP\/\d{3,8}-/.test(String(event.destinationchannel))) {
    baselineCdrs.add(String(event.source));
  }
});
ami.start();
for (let waited = 0; ami.state.status !== 'up'; waited += 100) {
  if (waited > 15_000) throw new Error(`AMI did not come up: ${ami.state.lastError ?? ami.state.status}`);
  await new Promise((resolve) => setTimeout(resolve, 100));
}

const sipTarget = `${config.sip.host}:${config.sip.port}`;
/** asterisk-conf/app-queue-baseline/extensions-baseline.conf: 7691 is the queue without announcements. */
const entries: Record<SystemUnderTest, SystemEntry> = {
  hotline: { system: 'hotline', callerAddress: HOTLINE_TRUNK, dial: LOAD_QUEUE.number, timeline: timelines[0] },
  app_queue: { system: 'app_queue', callerAddress: BASELINE_TRUNK, dial: '7690', timeline: timelines[1] },
  'app_queue-silent': { system: 'app_queue-silent', callerAddress: BASELINE_TRUNK, dial: '7691', timeline: timelines[1] },
};
const SYSTEMS = (args.systems ?? '').split(',').map((name) => {
  if (!(name in entries)) throw new Error(`--systems: unknown system '${name}' (${Object.keys(entries).join(', ')})`);
  return name as SystemUnderTest;
});
const deps: PhaseDeps = { sipTarget, agentPort: AGENT_PORT, cpu, pool, ami, baselineCdrs };
// app_queue's callers are checked against ANSWERED CDRs only, so only Hotline's may give up.
if (args.patience !== undefined && SYSTEMS.some((system) => system !== 'hotline')) throw new Error('--patience goes with --systems hotline');
const patienceMeanSecs = args.patience === undefined ? undefined : number('patience');

try {
  const api = await adminApi(`http://${config.http.host}:${config.http.port}`, config.auth.adminPassword);
  const agents = await provisionAgents(api, number('agents'));
  await loadStaticEndpoints(ami, join(config.paths.asteriskRoot, 'etc'), agents);
  await registerAgents(sipTarget, agents, AGENT_PORT);
  await staffAllQueues(api, ami, agents);
  const talkMeanSecs = number('talk');
  const seed = number('seed');
  if (args['soak-mins']) {
    console.log(await runSoak(entries.hotline, { rate: number('soak-rate'), secs: number('soak-mins') * 60, talkMeanSecs, seed }, deps, api));
  } else {
    const results: PhaseResult[] = [];
    const exhausted = new Set<SystemUnderTest>();
    const rates = (args.rates ?? '').split(',').map(Number);
    for (const [i, rate] of rates.entries()) {
      if (!(rate > 0)) throw new Error('--rates must be positive numbers, comma-separated');
      // Rotate which system goes first, so none always runs on a warmer machine; a system that
      // failed at a lower rate is not tried again.
      const order = SYSTEMS.map((_, k) => SYSTEMS[(i + k) % SYSTEMS.length] as SystemUnderTest).filter((system) => !exhausted.has(system));
      for (const [j, system] of order.entries()) {
        const shape = { rate, secs: number('secs'), talkMeanSecs, seed: seed + i, ...(patienceMeanSecs === undefined ? {} : { patienceMeanSecs }) };
        const result = await runPhase(entries[system], shape, `9${i}${j}`, deps);
        console.error(`[load] ${system} at ${rate}/s: ${result.connected}/${result.offered} connected, ${result.failed} failed`);
        results.push(result);
        if (result.failed > 0) exhausted.add(system);
      }
      if (exhausted.size === SYSTEMS.length) break;
    }
    const overloads: PhaseResult[] = [];
    if (args.overload !== undefined) {
      const shape = { rate: number('overload'), secs: number('secs'), talkMeanSecs, seed: seed + rates.length };
      const result = await runPhase(entries.hotline, shape, `9${rates.length}0`, deps);
      console.error(`[load] hotline overloaded at ${shape.rate}/s: ${result.connected}/${result.offered} connected, ${result.cdr.refused} refused busy, ${result.stranded} stranded`);
      overloads.push(result);
    }
    writeFileSync(join(config.paths.state, 'load-report.json'), JSON.stringify({ results, overloads }, null, 2));
    console.log([renderReport(results), ...(overloads.length > 0 ? [renderOverload(overloads)] : [])].join('\n\n'));
  }
} finally {
  await ami.stop();
  await pool.end();
}
