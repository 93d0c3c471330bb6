import { driftKey, findDrift, type AgentBelief, type CallBelief, type Drift, type StasisChannel } from './drift.js';

export interface ReconcilerDeps {
  /** Our calls and agents as we believe them now. */
  beliefs(): { calls: CallBelief[]; agents: AgentBelief[] };
  /** Every channel Asterisk has, and those of them in our Stasis app. */
  channels(): Promise<{ all: Set<string>; inStasis: StasisChannel[] }>;
  /** Puts our view right for one drift. */
  correct(drift: Drift): Promise<void>;
  /** Keeps the correction with the evidence it was made on. */
  record(drift: Drift, evidence: Record<string, unknown>): Promise<void>;
  now(): number;
}

/**
 * Compares what the service believes with what Asterisk has, pass after pass. A difference is
 * corrected only when the next pass still finds it: an event in flight (a channel being created,
 * a hang-up about to arrive) settles within one pass, a missed one does not.
 */
export class Reconciler {
  #suspects = new Map<string, number>();
  #running: Promise<Drift[]> | undefined;

  constructor(private readonly deps: ReconcilerDeps) {}

  /** One pass; concurrent callers share it. Resolves with the drifts it corrected. */
  pass(): Promise<Drift[]> {
    this.#running ??= this.#pass().finally(() => (this.#running = undefined));
    return this.#running;
  }

  async #pass(): Promise<Drift[]> {
    // Beliefs first: a channel created after the listing then cannot look missing.
    const { calls, agents } = this.deps.beliefs();
    const { all: channels, inStasis } = await this.deps.channels();
    const now = this.deps.now();
    const suspects = new Map<string, number>();
    const corrected: Drift[] = [];
    for (const drift of findDrift(calls, agents, channels, inStasis, now)) {
      const key = driftKey(drift);
      const firstSeenAt = this.#suspects.get(key);
      if (firstSeenAt === undefined) {
        suspects.set(key, now);
        continue;
      }
      await this.deps.correct(drift);
      await this.deps.record(drift, { ...drift, firstSeenAt: new Date(firstSeenAt).toISOString(), channelsInAsterisk: channels.size });
      corrected.push(drift);
    }
    this.#suspects = suspects;
    return corrected;
  }
}
