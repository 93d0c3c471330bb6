import type { StateInterval } from '@hotline/acd';
import type { FastifyBaseLogger } from 'fastify';

const BATCH = 500;
const backoffMs = (attempt: number) => Math.min(5_000, 100 * 2 ** attempt);

/**
 * Agent state intervals on their way to PostgreSQL. Writing never holds up routing: intervals are
 * queued here and written in batches (one statement for all that piled up, so a busy minute costs
 * a few statements rather than a connection each), retried with backoff while PostgreSQL is slow
 * or away, and never dropped while the process lives. A row is keyed by agent and start, so a
 * batch written twice stores nothing twice.
 */
export class IntervalWriter {
  #pending: StateInterval[] = [];
  #flushing: Promise<void> | undefined;
  #closed = false;

  constructor(
    private readonly store: (batch: readonly StateInterval[]) => Promise<void>,
    private readonly log: Pick<FastifyBaseLogger, 'warn'>,
  ) {}

  get pending(): number {
    return this.#pending.length;
  }

  covering(at: number): StateInterval[] {
    return this.#pending.filter((interval) => interval.from <= at && at < interval.to);
  }

  add(interval: StateInterval): void {
    this.#pending.push(interval);
    this.#flushing ??= this.#flush().finally(() => (this.#flushing = undefined));
  }

  /** Waits until everything queued is written, or `timeoutMs` passes; stops retrying after that. */
  async close(timeoutMs = 5_000): Promise<void> {
    const drained = this.#flushing ?? Promise.resolve();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([drained, new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
    clearTimeout(timer);
    this.#closed = true;
    if (this.#pending.length > 0) this.log.warn({ pending: this.#pending.length }, 'agent state intervals not written before shutdown');
  }

  async #flush(): Promise<void> {
    // Let the intervals of the same moment (one call ending touches several) join one batch.
    await new Promise((resolve) => setImmediate(resolve));
    for (let attempt = 0; this.#pending.length > 0 && !this.#closed; ) {
      const batch = this.#pending.slice(0, BATCH);
      try {
        await this.store(batch);
        this.#pending.splice(0, batch.length);
        attempt = 0;
      } catch (error) {
        this.log.warn({ err: (error as Error).message, pending: this.#pending.length }, 'agent state intervals not written yet; retrying');
        await new Promise((resolve) => setTimeout(resolve, backoffMs(attempt++)).unref());
      }
    }
  }
}
