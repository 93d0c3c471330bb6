import { hostname } from 'node:os';
import { loadConfig } from '@hotline/contracts';
import { LeaderLock } from '@hotline/db';
import { buildApp, type App } from './app.js';
import { createServers } from './servers.js';
import { buildStandbyApp } from './standby.js';

// The one place that listens for the running service; everything else builds the app.
const config = loadConfig();
const lock = new LeaderLock(config.postgres, { instance: config.instance, holder: `${hostname()}:${process.pid}:${config.http.port}` });
const stopping = new AbortController();
// Read by the signal handlers, which may run before the app exists.
let app: App | undefined = undefined;

// Until this instance leads (at once when it is alone), it stands by: /healthz says so and names the leader.
const standbyServers = createServers(config);
const standby = buildStandbyApp(() => lock.leader(), { ...standbyServers.buildOptions, logger: { level: config.logLevel } });

let closing = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    (app?.log ?? standby.log).info({ signal }, 'shutting down');
    stopping.abort();
    // Calls in progress stay up in Asterisk; only give up on a close that hangs.
    setTimeout(() => process.exit(1), 10_000).unref();
    const closed = app ? (servers.close(), app.close()) : (standbyServers.close(), standby.close());
    closed.then(() => lock.release()).then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}

/** Deposed: another instance leads, and two acting on the same calls would fight over them. */
const stepDown = (why: string) => {
  (app?.log ?? standby.log).fatal({ why }, 'no longer the leading control instance; exiting');
  process.exit(1);
};

/**
 * The lock went with its connection (PostgreSQL restarted, say): this instance takes it again as
 * soon as PostgreSQL answers, under a new epoch, unless another instance took it meanwhile.
 */
const onLost = (reason: string) => {
  app?.log.warn({ reason }, 'the lead was lost with its connection; taking it again');
  lock.retake(onLost, stopping.signal).then(
    (lead) => (lead ? Object.assign(leadership, lead) : stepDown('another instance took the lead while PostgreSQL was away')),
    () => undefined,
  );
};

await standbyServers.listen(standby);
standby.log.info({ holder: `${hostname()}:${process.pid}` }, 'standing by until this instance leads');
// Asked to stop while standing by: the signal's handler ends the process.
const leadership = await lock.acquire(onLost, stopping.signal).catch((error: unknown) => (stopping.signal.aborted ? new Promise<never>(() => undefined) : Promise.reject(error)));
standbyServers.close();
await standby.close();

const servers = createServers(config);
// `leadership` is the object the app reads its epoch from: a retaken lead updates it in place.
app = await buildApp(config, { ...servers.buildOptions, leadership, onDeposed: (epoch) => stepDown(`epoch ${epoch} wrote after ours`) });
app.log.info({ epoch: leadership.epoch }, 'leading the stack');
await servers.listen(app);
