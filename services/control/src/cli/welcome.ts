import { readFileSync } from 'node:fs';
import { loadConfig } from '@hotline/contracts';
import { demoQueues } from '../demo/demo-config.js';
import type { DemoCredentials } from '../demo/seed-demo.js';

// What a person needs after `npm start`: where things are, and how to log in and call.
const config = loadConfig();
const credentials = JSON.parse(readFileSync(`${config.paths.state}/demo-credentials.json`, 'utf8')) as DemoCredentials;
const base = `http://${config.http.host}:${config.http.port}`;
// Say it is running only once it answers (the control service compiles and connects first).
for (let waited = 0; waited < 60_000; waited += 500) {
  if ((await fetch(`${base}/healthz`).catch(() => undefined))?.ok) break;
  await new Promise((resolve) => setTimeout(resolve, 500));
}
const lines = [
  '',
  'Hotline is running.',
  `  web console        ${base}/ui/   (agents: desk with a browser softphone; supervisors: wallboard)`,
  `  API                ${base}   (OpenAPI: ${base}/docs, health: ${base}/healthz, live stream: ${base.replace('http', 'ws')}/stream)`,
  `  admin login        ${credentials.admin.username} / ${credentials.admin.password}`,
  `  supervisor login   ${credentials.supervisor.username} / ${credentials.supervisor.password}`,
  '',
  `Agent softphones (SIP over UDP, registrar ${config.sip.host}:${config.sip.port}):`,
  `  ${credentials.supervisor.extension}  Supervisor   SIP user ${credentials.supervisor.extension} password ${credentials.supervisor.sipPassword}   (the phone monitoring calls ring)`,
  ...credentials.agents.map(
    (a) => `  ${a.extension}  ${a.name.padEnd(12)} SIP user ${a.extension} password ${a.sipPassword}   web login ${a.extension} / ${a.password} (or just log in: the desk's browser phone needs nothing installed)`,
  ),
  '',
  'Numbers to dial (from an agent softphone, or from a SIP trunk at ' + config.sip.trunkAddress + '):',
  ...demoQueues.map((q) => {
    const { enabled, key, window } = q.callback;
    return `  ${q.number}  ${q.name}${enabled ? `   (while waiting, press ${key} to be called back, ${window.from}–${window.to})` : ''}`;
  }),
  `Callbacks are dialled through the callback trunk to ${config.sip.callbackTrunk}.`,
  '',
];
console.log(lines.join('\n'));
