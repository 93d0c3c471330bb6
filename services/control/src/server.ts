import { loadConfig } from '@hotline/contracts';
import { buildApp } from './app.js';
import { createServers } from './servers.js';

// The one place that listens for the running service; everything else builds the app.
const config = loadConfig();
const servers = createServers(config);
const app = await buildApp(config, servers.buildOptions);

let closing = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    // Calls in progress stay up in Asterisk; only give up on a close that hangs.
    setTimeout(() => process.exit(1), 10_000).unref();
    servers.close();
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}

await servers.listen(app);
