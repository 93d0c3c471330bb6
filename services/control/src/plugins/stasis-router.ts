import fp from 'fastify-plugin';
import { isGoneError, tryHangup, type StasisStartEvent } from '@hotline/asterisk';

/** A feature's handler for the channels of one kind: the event, and the kind's argument (a queue number, a call id). */
export type StasisHandler = (event: StasisStartEvent, arg: string) => Promise<void>;

declare module 'fastify' {
  interface FastifyInstance {
    stasis: StasisRouter;
  }
}

/**
 * Hands each channel entering the Stasis app to the feature that owns its kind (the first Stasis
 * argument: `inbound`, `agent-leg`, `supervisor-leg`…). A channel of no registered kind, or
 * without the argument its kind needs, is nobody's: it is hung up rather than left in silence.
 */
export class StasisRouter {
  readonly #handlers = new Map<string, StasisHandler>();

  constructor(
    private readonly hangup: (channelId: string) => Promise<void>,
    private readonly log: { warn: (obj: object, msg: string) => void; info: (obj: object, msg: string) => void; error: (obj: object, msg: string) => void },
  ) {}

  register(kind: string, handler: StasisHandler): void {
    if (this.#handlers.has(kind)) throw new Error(`Stasis channels of kind '${kind}' already have an owner`);
    this.#handlers.set(kind, handler);
  }

  /** Routes one channel; a handler's failure is logged with the channel, never thrown at ARI. */
  async route(event: StasisStartEvent): Promise<void> {
    const [kind = '', arg] = event.args;
    const handler = this.#handlers.get(kind);
    if (!handler || !arg) {
      this.log.warn({ channelId: event.channelId, args: event.args }, 'channel entered Stasis with unknown arguments');
      return this.hangup(event.channelId);
    }
    try {
      await handler(event, arg);
    } catch (error) {
      const { message, stack } = error as Error;
      if (isGoneError(error)) this.log.info({ channelId: event.channelId, kind, err: message }, 'StasisStart: the channel went away meanwhile');
      else this.log.error({ channelId: event.channelId, kind, err: message, stack }, 'StasisStart failed');
    }
  }
}

/** One router for the app, fed by ARI's StasisStart events. */
export default fp(
  async (app) => {
    const log = app.log.child({ area: 'stasis' });
    const router = new StasisRouter((channelId) => tryHangup(app.ari, channelId, log), log);
    app.decorate('stasis', router);
    app.ari.on('stasisStart', (event) => void router.route(event));
  },
  { name: 'stasis', dependencies: ['infra'] },
);
