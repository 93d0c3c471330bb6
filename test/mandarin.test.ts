import t from 'tap';
import { demoAgent, login, openTestStack } from './helpers/stack.js';
import { killAllSipp, sippAgent, sippCaller } from './helpers/sipp.js';
import { waitFor } from './helpers/wait.js';

// A Mandarin queue on the real stack (the demo's 7002): the caller's channel speaks zh, and what
// Asterisk plays them, read back over ARI while it plays, is Mandarin from the greeting to the
// agent's number: "您前面还有两位…" from the Mandarin number files, "工号幺零零二为您服务" from the
// Mandarin digit files.
const { config, credentials, app, pool } = await openTestStack();
const bob = demoAgent(credentials, '1002');
const bobPhone = sippAgent(config, '1002', bob.sipPassword, 15851);
const admin = { authorization: `Bearer ${await login(app, 'admin', credentials.admin.password)}` };
const bobAuth = { authorization: `Bearer ${await login(app, '1002', bob.password)}` };
t.teardown(async () => {
  killAllSipp();
  await app.inject({ method: 'POST', url: '/agents/1002/state', headers: bobAuth, payload: { state: 'logged-out' } });
  await bobPhone.unregister();
  await pool.end();
  await app.close();
});

/** Asterisk's own answer, over ARI with the stack's credentials: what a channel or playback is now. */
async function ari<T>(path: string): Promise<T | undefined> {
  const auth = Buffer.from(`${config.ari.username}:${config.ari.password}`).toString('base64');
  const res = await fetch(`${config.ari.url}/ari${path}`, { headers: { authorization: `Basic ${auth}` } });
  return res.ok ? ((await res.json()) as T) : undefined;
}

interface AriPlayback {
  media_uri: string;
  language: string;
  state: string;
}

/** Every sound a playback is seen playing, in order, until it is gone (or `forMs` passes). */
async function heard(playbackId: string, forMs: number): Promise<AriPlayback[]> {
  const seen: AriPlayback[] = [];
  const until = Date.now() + forMs;
  let started = false;
  while (Date.now() < until) {
    const playback = await ari<AriPlayback>(`/playbacks/${encodeURIComponent(playbackId)}`);
    if (playback) {
      started = true;
      if (playback.state === 'playing' && seen.at(-1)?.media_uri !== playback.media_uri) seen.push(playback);
    } else if (started) {
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return seen;
}

const ZH = 'sound:/var/lib/hotline/prompts/zh';
const run = String(Date.now()).slice(-5);
const liveCall = (number: string) =>
  waitFor(`the call from ${number}`, async () => {
    const calls = (await app.inject({ method: 'GET', url: '/calls', headers: admin })).json() as { id: string; customerNumber: string; queueId: string }[];
    return calls.find((c) => c.customerNumber === number);
  });

t.test('a caller waiting in the Mandarin queue hears Mandarin, numbers included, on a zh channel', async (t) => {
  const first = sippCaller(config, `56${run}1`).call('7002', 32_000);
  await liveCall(`56${run}1`);
  const second = sippCaller(config, `56${run}2`).call('7002', 32_000);
  const call = await liveCall(`56${run}2`);
  t.equal(call.queueId, 'mandarin');
  const greeting = await heard(`${call.id}.greeting`, 5_000);
  t.match(greeting[0], { media_uri: `${ZH}/welcome`, language: 'zh' }, 'the Mandarin greeting, played in zh');

  const channels = (await ari<{ id: string; caller: { number: string } }[]>('/channels')) ?? [];
  const channel = channels.find((c) => c.caller.number === `56${run}2`);
  const language = await ari<{ value: string }>(`/channels/${channel?.id}/variable?variable=${encodeURIComponent('CHANNEL(language)')}`);
  t.equal(language?.value, 'zh', "the caller's channel speaks zh");

  const announcement = (await heard(`${call.id}.announcement.1`, 30_000)).map((p) => p.media_uri);
  // Nobody works the queue, so no wait is promised: 您前面还有二位客户在等待。感谢您的耐心等待。
  t.same(announcement, [`${ZH}/queue-there-are`, `${ZH}/number-2`, `${ZH}/queue-calls-waiting`, `${ZH}/queue-thank-you`], 'the place in line from the Mandarin number files');
  // They hang up by themselves (a killed SIPp would leave its call up), before an agent is Ready.
  t.equal((await first.done).code, 0);
  t.equal((await second.done).code, 0);
});

t.test("the agent's number is read out in Mandarin digits: 工号幺零零二为您服务", async (t) => {
  t.equal((await bobPhone.register()).code, 0);
  const bobAnswers = bobPhone.answer();
  t.equal((await app.inject({ method: 'POST', url: '/agents/1002/state', headers: bobAuth, payload: { state: 'ready' } })).statusCode, 200);
  const caller = sippCaller(config, `56${run}3`).call('7002', 12_000);
  const call = await liveCall(`56${run}3`);
  const media = (await heard(`${call.id}.agent-number`, 15_000)).map((p) => p.media_uri.slice(ZH.length + 1));
  // The two zeros are one file played twice: seen as one.
  t.same(media, ['agent-intro', 'digit-1', 'digit-0', 'digit-2', 'will-serve-you'], 'each digit from its Mandarin file');
  t.equal((await caller.done).code, 0, 'the call went through');
  bobAnswers.kill();
});
