import type { LoadShape } from './plan.js';
import { runPhase, type PhaseDeps, type SystemEntry } from './phase.js';
import { slope } from './stats.js';
import type { AdminApi } from './api.js';

/** Memory is judged after this warm-up: caches, JIT and pools fill in the first minutes. */
const WARM_UP_MS = 5 * 60_000;
const SAMPLE_EVERY_MS = 15_000;
/** The bound the soak holds Hotline's control service to, after warm-up. */
export const SOAK_BOUND = { heapGrowthMib: 16, rssGrowthMib: 48 };

/** The control service's V8 heap in use, from its own Prometheus metrics. */
async function heapUsedBytes(api: AdminApi): Promise<number> {
  const text = await api.text('/metrics');
  const line = text.split('\n').find((l) => l.startsWith('hotline_nodejs_heap_size_used_bytes '));
  return Number(line?.split(' ')[1] ?? Number.NaN);
}

const mib = (bytes: number) => bytes / 1024 / 1024;

/**
 * Hotline alone at a moderate rate for the whole shape, the control service's heap and resident
 * memory sampled throughout. Growth is the fitted slope after warm-up times the remaining time, so
 * one garbage collection landing just before the last sample cannot flatter or condemn it.
 */
export async function runSoak(entry: SystemEntry, shape: LoadShape, deps: PhaseDeps, api: AdminApi): Promise<string> {
  const started = Date.now();
  const samples: { at: number; heap: number; rss: number }[] = [];
  const sample = async () => samples.push({ at: Date.now() - started, heap: mib(await heapUsedBytes(api)), rss: deps.cpu.rssKib('control') / 1024 });
  await sample();
  const timer = setInterval(() => void sample().catch(() => undefined), SAMPLE_EVERY_MS);
  const result = await runPhase(entry, shape, '95', deps).finally(() => clearInterval(timer));
  const settled = samples.filter((s) => s.at >= WARM_UP_MS);
  const spanMin = ((settled.at(-1)?.at ?? 0) - (settled[0]?.at ?? 0)) / 60_000;
  const heapGrowth = slope(settled.map((s) => [s.at / 60_000, s.heap])) * spanMin;
  const rssGrowth = slope(settled.map((s) => [s.at / 60_000, s.rss])) * spanMin;
  const within = heapGrowth <= SOAK_BOUND.heapGrowthMib && rssGrowth <= SOAK_BOUND.rssGrowthMib;
  const first = samples[0];
  const last = samples.at(-1);
  return [
    `soak: ${shape.secs / 60} min at ${shape.rate}/s: ${result.offered} calls, ${result.connected} connected, ${result.failed} failed, CDRs correct ${result.cdr.correct}/${result.offered}`,
    `control service heap: ${first?.heap.toFixed(1)} MiB at start, ${last?.heap.toFixed(1)} MiB at end; fitted growth after the ${WARM_UP_MS / 60_000}-minute warm-up ${heapGrowth.toFixed(1)} MiB over ${spanMin.toFixed(1)} min (bound ${SOAK_BOUND.heapGrowthMib} MiB)`,
    `control service RSS: ${first?.rss.toFixed(1)} MiB at start, ${last?.rss.toFixed(1)} MiB at end; fitted growth ${rssGrowth.toFixed(1)} MiB (bound ${SOAK_BOUND.rssGrowthMib} MiB)`,
    `verdict: ${within && result.failed === 0 ? 'within bound' : 'OUT OF BOUND'}`,
    `samples (min, heap MiB, RSS MiB): ${samples.map((s) => `${(s.at / 60_000).toFixed(1)},${s.heap.toFixed(1)},${s.rss.toFixed(1)}`).join(' ')}`,
  ].join('\n');
}
