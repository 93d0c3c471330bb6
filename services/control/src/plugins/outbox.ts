import { closeSync, existsSync, ftruncateSync, openSync, readFileSync, renameSync, writeFileSync, writeSync } from 'node:fs';

/** A job for the workers as it was handed over: enough to hand it over again. */
export interface OutboxJob {
  queue: string;
  name: string;
  jobId: string;
  data: unknown;
  /** When it was handed over, and how long BullMQ was to hold it back. */
  at: number;
  delayMs: number;
}

type Line = ({ op: 'add' } & OutboxJob) | { op: 'done'; queue: string; jobId: string };

const keyOf = (job: { queue: string; jobId: string }) => `${job.queue}\u0000${job.jobId}`;
/** Confirmed lines kept before the file is started afresh (only when nothing is waiting). */
const COMPACT_AFTER_LINES = 10_000;

/**
 * The control service's jobs, written to a local file before they go to Redis and marked done once
 * Redis has them. While Redis is away the Redis client keeps them in memory, which a killed process
 * loses; at its next start the service hands over again whatever was never confirmed. Job ids are
 * stable, so a job handed over twice is still done once. The lines of one turn of the event loop
 * (a call's step publishes several events at once) go to the file in one plain append, which the
 * kernel keeps when the process is killed; a job goes to Redis only once its line is written. The
 * file is started afresh whenever nothing is waiting.
 */
export class Outbox {
  readonly #fd: number;
  readonly #waiting = new Map<string, number>();
  #lines = 0;
  readonly #pending: string[] = [];
  #flushed: Promise<void> | undefined;
  #closed = false;
  readonly left: OutboxJob[];

  constructor(private readonly file: string) {
    this.left = unconfirmed(file);
    // Start again with only what is left, written whole before the old file is replaced.
    writeFileSync(`${file}.tmp`, this.left.map((job) => `${JSON.stringify({ op: 'add', ...job })}\n`).join(''), { mode: 0o600 });
    renameSync(`${file}.tmp`, file);
    this.#fd = openSync(file, 'a');
    for (const job of this.left) this.#count(keyOf(job), 1);
    this.#lines = this.left.length;
  }

  /** Settles once the job's line is in the file: hand it to Redis only then. */
  written(job: OutboxJob): Promise<void> {
    this.#count(keyOf(job), 1);
    return this.#append({ op: 'add', ...job });
  }

  confirmed(job: { queue: string; jobId: string }): void {
    this.#count(keyOf(job), -1);
    // A confirmation lost to a kill only hands the job over once more: nothing waits on it.
    void this.#append({ op: 'done', queue: job.queue, jobId: job.jobId });
  }

  /** Jobs written and not yet confirmed. */
  get waiting(): number {
    return this.#waiting.size;
  }

  close(): void {
    this.#flush();
    this.#closed = true;
    if (this.#waiting.size === 0) ftruncateSync(this.#fd, 0);
    closeSync(this.#fd);
  }

  #append(line: Line): Promise<void> {
    this.#pending.push(`${JSON.stringify(line)}\n`);
    this.#flushed ??= new Promise((resolve) => setImmediate(() => resolve(this.#flush())));
    return this.#flushed;
  }

  /** Writes the lines gathered this turn in one append. */
  #flush(): void {
    this.#flushed = undefined;
    if (this.#closed || this.#pending.length === 0) return;
    writeSync(this.#fd, this.#pending.join(''));
    this.#lines += this.#pending.length;
    this.#pending.length = 0;
    if (this.#waiting.size === 0 && this.#lines >= COMPACT_AFTER_LINES) {
      ftruncateSync(this.#fd, 0);
      this.#lines = 0;
    }
  }

  #count(key: string, by: number): void {
    const n = (this.#waiting.get(key) ?? 0) + by;
    if (n > 0) this.#waiting.set(key, n);
    else this.#waiting.delete(key);
  }
}

/** The jobs a file holds that were written and never confirmed, in the order written (the latest copy of each). */
export function unconfirmed(file: string): OutboxJob[] {
  if (!existsSync(file)) return [];
  const open = new Map<string, { job: OutboxJob; count: number }>();
  for (const text of readFileSync(file, 'utf8').split('\n')) {
    const line = parseLine(text);
    if (!line) continue;
    const key = keyOf(line);
    const entry = open.get(key);
    if (line.op === 'add') {
      const { op: _op, ...job } = line;
      open.delete(key);
      open.set(key, { job, count: (entry?.count ?? 0) + 1 });
    } else if (entry) {
      entry.count -= 1;
      if (entry.count <= 0) open.delete(key);
    }
  }
  return [...open.values()].map((entry) => entry.job);
}

/** A torn last line (the process killed half-way through a write) is skipped. */
function parseLine(text: string): Line | undefined {
  if (text.trim() === '') return undefined;
  try {
    const line = JSON.parse(text) as Partial<Line>;
    return (line.op === 'add' || line.op === 'done') && typeof line.queue === 'string' && typeof line.jobId === 'string' ? (line as Line) : undefined;
  } catch {
    return undefined;
  }
}
