import { webPhoneId } from '@hotline/db';
import type { FastifyInstance } from 'fastify';

/** Contact states in which Asterisk will not reach the softphone. */
const UNREACHABLE = new Set(['Unreachable', 'Removed']);

export interface Presence {
  /** Re-reads registrations from Asterisk and applies changes to the router. */
  refresh(): Promise<void>;
  /** What to dial for the agent: the browser phone while it is registered, else the desk phone. */
  dialString(agentId: string): string;
  stop(): void;
}

/**
 * Keeps the router's view of which agent softphones are registered, from AMI PJSIPShowContacts:
 * on every AMI (re)connect, every `intervalMs`, and on demand (an agent asking to go Ready).
 * Realtime PJSIP endpoints raise no contact events without qualify, so the contact list is the
 * source of truth. An agent whose softphone is not registered is never offered a call. Either phone
 * counts: the desk phone (extension) or the browser phone ("web" + extension).
 */
export function trackPresence(app: FastifyInstance, agentIds: () => string[], intervalMs = 3_000): Presence {
  let running: Promise<void> | undefined;
  let browserPhones = new Set<string>();

  const read = async () => {
    const contacts = await app.ami.contacts();
    const endpoints = new Set(contacts.filter((c) => !UNREACHABLE.has(c.status)).map((c) => c.endpoint));
    const now = Date.now();
    const ids = agentIds();
    browserPhones = new Set(ids.filter((id) => endpoints.has(webPhoneId(id))));
    for (const id of ids) {
      const registered = endpoints.has(id) || browserPhones.has(id);
      const before = app.router.agent(id);
      if (!before || before.deviceRegistered === registered) continue;
      app.router.setDeviceRegistered(id, registered, now);
      app.log.info({ agentId: id, registered, browser: browserPhones.has(id) }, 'softphone registration changed');
    }
  };

  // A read under way may have fetched the contacts before the moment a caller asks about (a phone
  // that registered just now): whoever asks meanwhile gets one fresh read after it, shared.
  let queued: Promise<void> | undefined;
  const start = () => (running = read().finally(() => (running = undefined)));
  const refresh = (): Promise<void> => {
    if (!running) return start();
    queued ??= running.catch(() => undefined).then(() => {
      queued = undefined;
      return start();
    });
    return queued;
  };

  const poll = () => refresh().catch((error: Error) => app.log.debug({ err: error.message }, 'presence refresh failed'));
  app.ami.on('status', (state) => {
    if (state.status === 'up') void poll();
  });
  const timer = setInterval(() => {
    if (app.ami.state.status === 'up') void poll();
  }, intervalMs);
  timer.unref();
  const dialString = (agentId: string) => `PJSIP/${browserPhones.has(agentId) ? webPhoneId(agentId) : agentId}`;
  return { refresh, dialString, stop: () => clearInterval(timer) };
}
