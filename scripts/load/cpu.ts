import { readFileSync, readdirSync } from 'node:fs';

/** CPU of one process and of its children already reaped (utime, stime, cutime, cstime) in clock ticks (USER_HZ, 100 on Linux). */
function readStat(pid: number): { ticks: number; ppid: number; rssKib: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may contain spaces; fields are counted after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const field = (n: number) => Number(fields[n - 3]);
    return { ticks: field(14) + field(15) + field(16) + field(17), ppid: field(4), rssKib: field(24) * 4 };
  } catch {
    return undefined; // gone
  }
}

/** The process and all its descendants (PostgreSQL serves each connection from a child). */
function withDescendants(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    const stat = readStat(pid);
    if (stat) children.set(stat.ppid, [...(children.get(stat.ppid) ?? []), pid]);
  }
  const all: number[] = [];
  const visit = (pid: number) => {
    all.push(pid);
    for (const child of children.get(pid) ?? []) visit(child);
  };
  visit(root);
  return all;
}

const TICK_MS = 10;

/** CPU time used by named process trees between two readings. */
export class CpuMeter {
  constructor(private readonly roots: Record<string, number>) {}

  /** CPU ms so far per name, the whole tree. */
  read(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [name, root] of Object.entries(this.roots)) {
      out[name] = withDescendants(root).reduce((sum, pid) => sum + (readStat(pid)?.ticks ?? 0), 0) * TICK_MS;
    }
    return out;
  }

  /** Resident memory of one named process, KiB. */
  rssKib(name: string): number {
    const pid = this.roots[name];
    return pid === undefined ? 0 : (readStat(pid)?.rssKib ?? 0);
  }
}

export function cpuSince(before: Record<string, number>, after: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(after).map(([name, ms]) => [name, ms - (before[name] ?? 0)]));
}
