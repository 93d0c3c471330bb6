import type { FastifyBaseLogger } from 'fastify';
import type { AmiEvent } from '@hotline/asterisk';
import { refusalFor, type AdmissionLimits, type LoadReadings, type Refusal } from './call-admission.js';

/** How often the load is read while no caller arrives to read it. */
const CHECK_EVERY_MS = 250;
/** How long the readings must stay under their limits before callers are let in again. */
const CALM_FOR_MS = 1_000;

export interface LoadSheddingDeps {
  readings(): LoadReadings;
  limits: AdmissionLimits;
  /** Turns Asterisk's refusal of new callers (busy, before the Stasis app) on or off. */
  setShedding(on: boolean): Promise<void>;
  log: FastifyBaseLogger;
  now: () => number;
}

/**
 * Sheds load in Asterisk's dialplan while the service is behind: a refused caller then costs one
 * dialplan step and an AMI event, no Stasis event and no ARI request, which is what an Asterisk
 * saturated enough to make us fall behind can still afford. On when any reading is over its
 * limit; off again once every reading has stayed under for a second, so it does not flap.
 */
export class LoadShedding {
  #timer: NodeJS.Timeout | undefined;
  #shedding = false;
  /** What Asterisk was last told; undefined when it must be told again (a new ARI link). */
  #applied: boolean | undefined;
  #calmSince: number | null = null;
  #reason: Refusal | undefined;
  #applying = false;

  constructor(private readonly deps: LoadSheddingDeps) {}

  start(): void {
    this.#timer = setInterval(() => void this.check(), CHECK_EVERY_MS);
    this.#timer.unref();
  }

  stop(): void {
    clearInterval(this.#timer);
  }

  /** Asterisk (re)connected: its global variables may be gone, so tell it again. */
  linkRestored(): void {
    this.#applied = undefined;
  }

  /** The reading that last turned shedding on (a refusal's event can come just after it turned off). */
  get reason(): Refusal | undefined {
    return this.#reason;
  }

  get shedding(): boolean {
    return this.#shedding;
  }

  /** One reading of the load (the timer's, or a test's). */
  async check(): Promise<void> {
    const { deps } = this;
    const refusal = refusalFor(deps.readings(), deps.limits);
    const now = deps.now();
    if (refusal) {
      this.#calmSince = null;
      if (!this.#shedding) deps.log.warn({ refusal }, 'shedding load: new callers hear busy until the service catches up');
      this.#shedding = true;
      this.#reason = refusal;
    } else if (this.#shedding) {
      this.#calmSince ??= now;
      if (now - this.#calmSince >= CALM_FOR_MS) {
        this.#shedding = false;
        this.#calmSince = null;
        deps.log.info('load back under its limits: callers are let in again');
      }
    }
    await this.#apply();
  }

  async #apply(): Promise<void> {
    const wanted = this.#shedding;
    if (this.#applied === wanted || this.#applying) return;
    this.#applying = true;
    try {
      await this.deps.setShedding(wanted);
      this.#applied = wanted;
    } catch (error) {
      // Tried again at the next reading; meanwhile admission refuses callers itself.
      this.#applied = undefined;
      this.deps.log.warn({ err: (error as Error).message, shedding: wanted }, 'could not tell Asterisk whether to shed load');
    } finally {
      this.#applying = false;
    }
  }
}

/** The dialplan's name for the switch (asterisk-conf/extensions.conf). */
export const SHEDDING_VARIABLE = 'HOTLINE_SHEDDING';

/** A caller Asterisk refused as busy while shedding, from its HotlineRefused user event over AMI. */
export function refusedInDialplan(event: AmiEvent): { channelId: string; number: string; customerNumber: string } | undefined {
  if (event.event !== 'UserEvent' || event.userevent !== 'HotlineRefused') return undefined;
  const text = (key: string) => (typeof event[key] === 'string' ? (event[key] as string) : '');
  if (text('uniqueid') === '' || text('number') === '') return undefined;
  const caller = text('calleridnum');
  return { channelId: text('uniqueid'), number: text('number'), customerNumber: caller === '<unknown>' ? '' : caller };
}
