import pg from 'pg';
import type { PostgresSettings } from './pool.js';

/** This process leads: since when, and under which epoch. */
export interface Leadership {
  epoch: number;
  holder: string;
  since: number;
}

export interface LeaderLockOptions {
  /** The stack the lead is for (config.instance): two stacks on one PostgreSQL do not contend. */
  instance: string;
  /** Who this process is, as /healthz shows it (host, pid, port). */
  holder: string;
  /** How often a standby asks for the lock, and the leader checks it still has its connection. */
  everyMs?: number;
}

/**
 * The lead of a stack's control instances: a PostgreSQL session-level advisory lock, held on a
 * connection of its own. PostgreSQL releases it the moment the holder's session ends (a killed
 * process closes its socket), so a standby polling for it takes over within one poll. Taking it
 * increments the stack's epoch, which fences what a deposed leader still tries to write.
 */
export class LeaderLock {
  readonly #everyMs: number;
  #client: pg.Client | undefined;
  #heartbeat: NodeJS.Timeout | undefined;
  #lost: ((reason: string) => void) | undefined;

  constructor(
    private readonly settings: PostgresSettings,
    private readonly options: LeaderLockOptions,
  ) {
    this.#everyMs = options.everyMs ?? 500;
  }

  /** The current leader as PostgreSQL last recorded it (a standby shows it), or null before any. */
  async leader(): Promise<Leadership | null> {
    const client = await this.#connection();
    const { rows } = await client.query<{ epoch: string; holder: string; since: Date }>('SELECT epoch, holder, since FROM control_leadership WHERE instance = $1', [this.options.instance]);
    const row = rows[0];
    return row ? { epoch: Number(row.epoch), holder: row.holder, since: row.since.getTime() } : null;
  }

  /**
   * Resolves once this process leads (asking every `everyMs`), with its new epoch; `onLost` is
   * told if the lock's connection fails afterwards: from then on another instance may lead.
   */
  async acquire(onLost: (reason: string) => void, signal?: AbortSignal): Promise<Leadership> {
    for (;;) {
      const taken = await this.#tryTake(onLost);
      if (taken !== 'unreachable' && taken !== null) return taken;
      await this.#pause(signal);
    }
  }

  /**
   * After the lock was lost with its connection (PostgreSQL restarted, say): takes it again as
   * soon as PostgreSQL answers, under a new epoch, or resolves null when another instance took
   * it meanwhile (this one is deposed).
   */
  async retake(onLost: (reason: string) => void, signal?: AbortSignal): Promise<Leadership | null> {
    for (;;) {
      const taken = await this.#tryTake(onLost);
      if (taken !== 'unreachable') return taken;
      await this.#pause(signal);
    }
  }

  async #tryTake(onLost: (reason: string) => void): Promise<Leadership | null | 'unreachable'> {
    try {
      const client = await this.#connection();
      const { rows } = await client.query<{ held: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS held', [`hotline-control:${this.options.instance}`]);
      if (!rows[0]?.held) return null;
      const { rows: lead } = await client.query<{ epoch: string; since: Date }>(
        `INSERT INTO control_leadership (instance, epoch, holder, since) VALUES ($1, 1, $2, now())
         ON CONFLICT (instance) DO UPDATE SET epoch = control_leadership.epoch + 1, holder = EXCLUDED.holder, since = EXCLUDED.since
         RETURNING epoch, since`,
        [this.options.instance, this.options.holder],
      );
      this.#lost = onLost;
      clearInterval(this.#heartbeat);
      this.#heartbeat = setInterval(() => void this.#check(), this.#everyMs);
      return { epoch: Number(lead[0]!.epoch), holder: this.options.holder, since: lead[0]!.since.getTime() };
    } catch {
      // PostgreSQL away: nobody can take the lead now.
      this.#drop();
      return 'unreachable';
    }
  }

  #pause(signal: AbortSignal | undefined): Promise<void> {
    signal?.throwIfAborted();
    return new Promise((resolve) => setTimeout(resolve, this.#everyMs));
  }

  /** Lets the lead go (a clean shutdown): a standby takes over at its next poll. */
  async release(): Promise<void> {
    this.#lost = undefined;
    clearInterval(this.#heartbeat);
    const client = this.#client;
    this.#client = undefined;
    await client?.end().catch(() => undefined);
  }

  /** A leader's connection must stay alive: a dead one means the lock is gone with it. */
  async #check(): Promise<void> {
    try {
      await this.#client?.query('SELECT 1');
    } catch (error) {
      this.#fail(`the lock's connection to PostgreSQL failed: ${(error as Error).message}`);
    }
  }

  async #connection(): Promise<pg.Client> {
    if (this.#client) return this.#client;
    const client = new pg.Client({ ...this.settings, keepAlive: true, connectionTimeoutMillis: 5_000 });
    // Only the connection in use counts: one already let go ends quietly.
    client.on('error', (error) => this.#client === client && this.#fail(`the lock's connection to PostgreSQL failed: ${error.message}`));
    client.on('end', () => this.#client === client && this.#fail("the lock's connection to PostgreSQL ended"));
    this.#client = client;
    try {
      await client.connect();
    } catch (error) {
      this.#drop();
      throw error;
    }
    return client;
  }

  #fail(reason: string): void {
    this.#drop();
    const lost = this.#lost;
    this.#lost = undefined;
    clearInterval(this.#heartbeat);
    lost?.(reason);
  }

  #drop(): void {
    const client = this.#client;
    this.#client = undefined;
    client?.end().catch(() => undefined);
  }
}
