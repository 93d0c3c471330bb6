import type { PhaseResult } from './phase.js';
import { ratio } from './stats.js';

const ms = (v: number | undefined) => (v === undefined ? '–' : String(v));
const perCall = (r: PhaseResult, names: string[]) => names.reduce((s, n) => s + (r.cpuMs[n] ?? 0), 0) / Math.max(1, r.offered);
const OURS = ['control', 'workers', 'redis', 'postgres'];

/** One markdown table row per phase, then ours ÷ each app_queue baseline per rate. */
export function renderReport(results: PhaseResult[]): string {
  const lines = [
    '| system | rate/s | offered | connected | gave up | stranded | failed | peak calls | INVITE→agent p50 / p99 ms | answer→connect p50 / p99 ms | wait p50 / p99 ms | CPU ms/call Asterisk | CPU ms/call Hotline processes | CDRs correct |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...results.map(
      (r) =>
        `| ${r.system} | ${r.rate} | ${r.offered} | ${r.connected} | ${r.gaveUp} | ${r.stranded} | ${r.failed} | ${r.peakConcurrentCalls} | ${ms(r.inviteToAgentMs.p50)} / ${ms(r.inviteToAgentMs.p99)} | ` +
        `${ms(r.answerToConnectMs.p50)} / ${ms(r.answerToConnectMs.p99)} | ${ms(r.waitMs.p50)} / ${ms(r.waitMs.p99)} | ` +
        `${perCall(r, ['asterisk']).toFixed(1)} | ${r.system === 'hotline' ? perCall(r, OURS).toFixed(1) : `(idle ${perCall(r, OURS).toFixed(1)})`} | ${r.cdr.correct}/${r.offered} |`,
    ),
  ];
  lines.push(
    '',
    '| system | rate/s | CPU ms/call: Asterisk | control | workers | Redis | PostgreSQL |',
    '|---|---|---|---|---|---|---|',
    ...results.map((r) => `| ${r.system} | ${r.rate} | ${['asterisk', ...OURS].map((name) => perCall(r, [name]).toFixed(1)).join(' | ')} |`),
  );
  const ran = (system: string) => results.some((r) => r.system === system);
  for (const baseline of ['app_queue', 'app_queue-silent'] as const) {
    if (!ran('hotline') || !ran(baseline)) continue;
    lines.push(
      '',
      `| rate/s | ours ÷ ${baseline}: INVITE→agent p50 | p99 | answer→connect p50 | p99 | CPU/call Asterisk only | CPU/call whole stack |`,
      '|---|---|---|---|---|---|---|',
    );
    for (const rate of [...new Set(results.map((r) => r.rate))]) {
      const ours = results.find((r) => r.rate === rate && r.system === 'hotline');
      const theirs = results.find((r) => r.rate === rate && r.system === baseline);
      if (!ours || !theirs) continue;
      lines.push(
        `| ${rate} | ${ratio(ours.inviteToAgentMs.p50, theirs.inviteToAgentMs.p50)} | ${ratio(ours.inviteToAgentMs.p99, theirs.inviteToAgentMs.p99)} | ` +
          `${ratio(ours.answerToConnectMs.p50, theirs.answerToConnectMs.p50)} | ${ratio(ours.answerToConnectMs.p99, theirs.answerToConnectMs.p99)} | ` +
          `${ratio(perCall(ours, ['asterisk']), perCall(theirs, ['asterisk']))} | ${ratio(perCall(ours, ['asterisk', ...OURS]), perCall(theirs, ['asterisk', ...OURS]))} |`,
      );
    }
  }
  const best = (system: string) => results.filter((r) => r.system === system && r.failed === 0).sort((a, b) => b.rate - a.rate)[0];
  for (const system of ['hotline', 'app_queue', 'app_queue-silent'].filter(ran)) {
    const top = best(system);
    lines.push('', `${system}: highest rate with zero failed calls ${top ? `${top.rate}/s (peak ${top.peakConcurrentCalls} calls at once)` : 'none of those tried'}`);
  }
  const problems = results.flatMap((r) => r.cdr.problems.map((p) => `${r.system} ${r.rate}/s: ${p}`));
  if (problems.length > 0) lines.push('', 'CDR problems:', ...problems.map((p) => `- ${p}`));
  return lines.join('\n');
}

/**
 * Phases far above capacity: failures are expected there, strandings are not. Every caller must
 * end with exactly one record, whether served, overflowed after the longest wait, or refused busy.
 */
export function renderOverload(results: PhaseResult[]): string {
  return [
    '| overload rate/s | offered | connected | refused busy | other outcomes | stranded | callers with exactly one record | peak calls | CPU ms/call whole stack |',
    '|---|---|---|---|---|---|---|---|---|',
    ...results.map(
      (r) =>
        `| ${r.rate} | ${r.offered} | ${r.connected} | ${r.cdr.refused} | ${r.cdr.accounted - r.connected - r.cdr.refused} | ${r.stranded} | ` +
        `${r.cdr.accounted}/${r.offered} | ${r.peakConcurrentCalls} | ${perCall(r, ['asterisk', ...OURS]).toFixed(1)} |`,
    ),
  ].join('\n');
}
