import t from 'tap';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { createPool } from '@hotline/db';
import { login, seedTestData, startControl, testConfig } from './helpers/stack.js';
import { killAllSipp, sippCaller } from './helpers/sipp.js';
import { baresipPhone } from './helpers/baresip.js';
import { REMOTE, remoteCanConnect } from './helpers/remote.js';
import { screenshot, signInPage } from './helpers/browser.js';
import { waitFor } from './helpers/wait.js';
import { inProcessWorkers } from './helpers/workers.js';
import { createServers } from '../services/control/src/servers.js';
import { hashPassword } from '../services/control/src/features/auth/password.js';

// Agents on another machine (the test run's network namespace) reach the stack at the address it
// listens on: a baresip desk phone over SIP TLS with SRTP, Chromium over HTTPS and WSS trusting only
// the stack's own CA. Nothing else of the stack is reachable from there.
const config = testConfig();
const listenAddress = config.network.listen[0] ?? '';
const caFile = config.tls?.caFile ?? '';
const credentials = await seedTestData(config);
const servers = createServers(config);
const app = await startControl(config, servers.buildOptions);
await servers.listen(app);
const pool = createPool(config.postgres, 2);
const workers = inProcessWorkers(config, pool, ['call-events', 'recordings']);
const admin = { authorization: `Bearer ${await login(app, 'admin', credentials.admin.password)}` };
const cleanups: (() => Promise<unknown>)[] = [];
t.teardown(async () => {
  killAllSipp();
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  await workers.close();
  await pool.end();
  servers.close();
  await app.close();
});

/** A new agent with general skill and the given SIP password, in the demo's team. */
async function provision(id: string, sipPassword: string): Promise<void> {
  const res = await app.inject({ method: 'PUT', url: `/agents/${id}`, headers: admin, payload: { name: `Remote ${id}`, teamId: 'front-line', skills: [{ skillId: 'general', level: 10 }], sipPassword } });
  if (res.statusCode !== 200) throw new Error(`agent ${id}: ${res.body}`);
}
const setState = (id: string, body: object) => app.inject({ method: 'POST', url: `/agents/${id}/state`, headers: admin, payload: body });
const storedCall = (number: string) =>
  waitFor(`the stored call from ${number}`, async () =>
    (await pool.query<{ id: string; agent_id: string; outcome: string; talk_secs: number; recording_id: string | null }>(
      'SELECT id, agent_id, outcome, talk_secs, recording_id FROM calls WHERE customer_number = $1 AND outcome IS NOT NULL', [number])).rows[0], 30_000);

t.test('from the remote machine only HTTPS and SIP answer: ARI, AMI, PostgreSQL and Redis refuse', async (t) => {
  t.ok(listenAddress, `the stack listens on ${listenAddress}`);
  const ports = {
    ARI: Number(new URL(config.ari.url).port), AMI: config.ami.port, PostgreSQL: config.postgres.port, Redis: config.redis.port,
  };
  for (const [name, port] of Object.entries(ports)) t.equal(remoteCanConnect(listenAddress, port), false, `${name} (:${port}) refuses ${REMOTE.address}`);
  t.equal(remoteCanConnect(listenAddress, config.http.port), true, `the console (HTTPS :${config.http.port}) answers`);
  t.equal(remoteCanConnect(listenAddress, config.network.sipTlsPort ?? 0), true, `SIP over TLS (:${config.network.sipTlsPort}) answers`);
});

t.test('a desk phone on the remote machine registers over TLS, answers a queue call with SRTP media, and the call is recorded', async (t) => {
  const sipPassword = 'remoteDesk1091';
  await provision('1091', sipPassword);
  const phone = baresipPhone({ extension: '1091', password: sipPassword, server: `${listenAddress}:${config.network.sipTlsPort}`, caFile }, { netns: REMOTE.namespace, address: REMOTE.address });
  cleanups.push(() => phone.stop());
  await phone.waitFor('the TLS registration', /\{0\/TLS\/v4\} 200 OK/);
  t.pass('registered over TLS, the server certificate checked against the CA only');
  const ready = await waitFor('1091 ready (the phone counts as registered)', async () => {
    const res = await setState('1091', { state: 'ready' });
    return res.statusCode === 200 ? res.json() : undefined;
  });
  t.match(ready, { state: 'ready', deviceRegistered: true });
  cleanups.push(() => setState('1091', { state: 'logged-out' }));

  const number = `5553${String(Date.now()).slice(-6)}`;
  t.equal((await sippCaller(config, number).call('7000', 8000).done).code, 0, 'the caller talked and hung up');
  const row = await storedCall(number);
  t.match(row, { agent_id: '1091', outcome: 'answered' });
  t.ok(row.talk_secs > 2, `talked ${row.talk_secs} s`);
  const trace = phone.output();
  t.match(trace, /INVITE sip:[^\n]*transport=tls/i, 'the INVITE reached the phone over its TLS connection');
  t.match(trace, /INVITE sip:[\s\S]*?a=crypto:\d+ AES_CM_128_HMAC_SHA1_80 inline:/, "Asterisk's offer carries SRTP keys (SDES), which only ever crossed TLS");
  t.match(trace, /SIP\/2\.0 200 OK\r?\n(?:[^\n]*\n)*?CSeq: \d+ INVITE[\s\S]*?a=crypto:\d+ AES_CM_128_HMAC_SHA1_80 inline:/, 'and the phone answered with its own: the media is SRTP');
  t.match(trace, /SRTP is Enabled \(cryptosuite=AES_CM_128_HMAC_SHA1_80\)/, 'the phone runs SRTP');
  t.match(trace, /incoming rtp for 'audio' established/, 'and receives media');

  const recording = await waitFor('the finalised recording', async () =>
    (await pool.query<{ path: string; secs: number }>('SELECT path, secs FROM recordings WHERE call_id = $1 AND path IS NOT NULL', [row.id])).rows[0], 30_000);
  t.ok(recording.secs > 2, `recorded ${recording.secs} s`);
  // sox prints its statistics on stderr.
  const stat = spawnSync('sox', [recording.path, '-n', 'stat'], { encoding: 'utf8' }).stderr;
  const rms = Number(/RMS\s+amplitude:\s+([\d.]+)/.exec(stat)?.[1] ?? 0);
  t.ok(rms > 0.01, `the recording carries the phone's tone (RMS ${rms}): SRTP media flowed and was decrypted`);
  await phone.stop();
});

/** Chromium inside the remote namespace, with a profile that trusts the stack's CA and nothing else added. */
async function remoteBrowser(): Promise<Browser> {
  const home = mkdtempSync(join(tmpdir(), 'hotline-remote-browser-'));
  const nssdb = join(home, '.pki', 'nssdb');
  mkdirSync(nssdb, { recursive: true });
  execFileSync('certutil', ['-d', `sql:${nssdb}`, '-N', '--empty-password']);
  execFileSync('certutil', ['-d', `sql:${nssdb}`, '-A', '-t', 'C,,', '-n', 'Hotline test CA', '-i', caFile]);
  const launcher = join(home, 'chromium-in-namespace');
  writeFileSync(launcher, `#!/bin/sh\nexec ip netns exec ${REMOTE.namespace} env HOME=${home} /usr/bin/chromium "$@"\n`);
  chmodSync(launcher, 0o755);
  return chromium.launch({
    executablePath: launcher,
    args: [
      '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream',
    ],
  });
}

t.test('Chromium on the remote machine opens the console over HTTPS, and its softphone answers a call over WSS', async (t) => {
  const browser = await remoteBrowser();
  cleanups.push(() => browser.close());
  const base = `https://${listenAddress}:${config.http.port}/ui/`;
  const sipPassword = 'remoteWeb1092';
  await provision('1092', sipPassword);
  const webPassword = 'remote-web-1092';
  await app.repos.users.upsert({ username: '1092', passwordHash: await hashPassword(webPassword), role: 'agent', agentId: '1092', teamId: 'front-line' });
  const page = await signInPage(browser, base, '1092', webPassword);
  t.match(page.url(), /^https:/, 'the page was served over HTTPS, its certificate trusted through the CA');
  const headers = await page.evaluate(async () => {
    const res = await fetch('/healthz');
    return { hsts: res.headers.get('strict-transport-security'), csp: res.headers.get('content-security-policy') };
  });
  t.match(headers.hsts, /max-age=\d+/, 'HSTS is sent');
  t.match(headers.csp, /default-src 'self'/, 'with a same-origin content security policy');
  await page.waitForSelector('[data-testid=phone-state]:has-text("registered")', { timeout: 20_000 });
  t.pass('the browser softphone registered through WSS');
  await page.click('button:has-text("Ready")');
  await waitFor('1092 ready', async () => ((await app.inject({ method: 'GET', url: '/agents/1092', headers: admin })).json().state === 'ready' ? true : undefined));
  cleanups.push(() => setState('1092', { state: 'logged-out' }));

  const number = `5554${String(Date.now()).slice(-6)}`;
  const caller = sippCaller(config, number).call('7000', 8000);
  await page.waitForSelector('[data-testid=incoming]', { timeout: 20_000 });
  await page.click('button:has-text("Answer")');
  await page.waitForSelector('[data-testid=phone-state]:has-text("in-call")', { timeout: 15_000 });
  await screenshot(page, 'remote-desk-on-call');
  t.equal((await caller.done).code, 0, 'the caller talked to the remote browser and hung up');
  t.match(await storedCall(number), { agent_id: '1092', outcome: 'answered' });
});
