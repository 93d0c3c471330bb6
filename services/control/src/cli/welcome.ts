import { createHash, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { loadConfig, type HotlineConfig } from '@hotline/contracts';
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
/** What an agent or supervisor at another machine needs, when the stack listens for them. */
function remoteLines(config: HotlineConfig): string[] {
  const { listen, sipTlsPort, sipUdp } = config.network;
  if (listen.length === 0 || !config.tls) return ['Everything listens on 127.0.0.1 only. For agents on other machines: npm start -- --listen <this machine\'s address>.', ''];
  const caFile = config.tls.caFile;
  const trust = caFile
    ? [
        `  certificate        made by this stack's own CA: ${caFile}`,
        `                     SHA-256 fingerprint ${new X509Certificate(readFileSync(caFile)).fingerprint256}`,
        '                     install that file as a trusted authority on each agent machine (browser and desk phone), then check the fingerprint',
      ]
    : [`  certificate        the operator's own (${config.tls.certFile}), sha256 ${createHash('sha256').update(readFileSync(config.tls.certFile)).digest('hex').slice(0, 16)}…`];
  return [
    'For agents and supervisors on other machines:',
    ...listen.map((address) => `  web console        https://${address}:${config.http.port}/ui/   (the browser softphone uses WSS to /sip-ws, media DTLS-SRTP)`),
    ...listen.map((address) => `  desk phones        SIP over TLS to ${address}:${sipTlsPort ?? '?'} (transport TLS, media SRTP/SDES): recommended`),
    sipUdp
      ? `                     SIP over UDP to ${listen.join(', ')}:${config.sip.port} is also on (signalling in clear, and with it any media keys: not private)`
      : '                     SIP over UDP is off on those addresses (npm start -- --sip-udp turns it on)',
    ...trust,
    `  open these ports   TCP ${config.http.port} (HTTPS, WSS), TCP ${sipTlsPort ?? '?'} (SIP TLS)${sipUdp ? `, UDP ${config.sip.port} (SIP)` : ''}, UDP RTP range (see asterisk-conf/rtp.conf)`,
    '  stays on loopback  ARI, AMI, PostgreSQL, Redis (whatever the listen address)',
    '',
  ];
}

/** Each account's SIP address from another machine: TLS on the first listen address. */
const remoteUri = (extension: string) => {
  const [address] = config.network.listen;
  return address ? `   from elsewhere: sip:${extension}@${address}:${config.network.sipTlsPort};transport=tls` : '';
};

const lines = [
  '',
  'Hotline is running.',
  `  web console        ${base}/ui/   (agents: desk with a browser softphone; supervisors: wallboard)`,
  `  API                ${base}   (OpenAPI: ${base}/docs, health: ${base}/healthz, live stream: ${base.replace('http', 'ws')}/stream)`,
  `  admin login        ${credentials.admin.username} / ${credentials.admin.password}`,
  `  supervisor login   ${credentials.supervisor.username} / ${credentials.supervisor.password}`,
  '',
  ...remoteLines(config),
  `Agent softphones (on this machine: SIP over UDP, registrar ${config.sip.host}:${config.sip.port}; SIP user = extension):`,
  `  ${credentials.supervisor.extension}  Supervisor   SIP user ${credentials.supervisor.extension} password ${credentials.supervisor.sipPassword}   (the phone monitoring calls ring)${remoteUri(credentials.supervisor.extension)}`,
  ...credentials.agents.map(
    (a) => `  ${a.extension}  ${a.name.padEnd(12)} SIP user ${a.extension} password ${a.sipPassword}   web login ${a.extension} / ${a.password} (or just log in: the desk's browser phone needs nothing installed)${remoteUri(a.extension)}`,
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
