import t from 'tap';
import pino from 'pino';
import type { CallEvent, Queue, StoredIvrMenu } from '@hotline/contracts';
import { IvrFlow } from '../src/features/calls/ivr-flow.js';
import { demoQueues } from '../src/demo/demo-config.js';
import { FakeAri } from './helpers/fake-ari.js';
import { stasis } from './helpers/call-flow-rig.js';

// Callers in an IVR menu, against a fake Asterisk: keys, a wrong key, silence, the default, the
// way out (queue, goodbye, hang-up) and the path stored for each.
const MENU: StoredIvrMenu = {
  id: 'hotline', name: 'Hotline', number: '7100', language: 'zh', root: 'main',
  nodes: {
    main: { kind: 'menu', prompt: 'main prompt', options: { '1': 'billing', '2': 'outage', '3': 'order' }, timeoutSecs: 5, retries: 1, default: 'general' },
    billing: { kind: 'menu', prompt: 'billing prompt', options: { '1': 'to-billing' }, timeoutSecs: 5, retries: 0, default: 'general' },
    outage: { kind: 'announcement', prompt: 'outage notice', next: null },
    order: { kind: 'lookup', prompt: 'your order', url: 'http://orders.example/status', fallback: 'cannot look it up', next: 'general' },
    'to-billing': { kind: 'queue', queueId: 'billing' },
    general: { kind: 'queue', queueId: 'general' },
  },
};

function rig(answer: string | null = 'shipped today', menu: StoredIvrMenu = MENU) {
  let now = 1_000;
  const ari = new FakeAri();
  const published: CallEvent[] = [];
  const queued: { channelId: string; queue: Queue; number: string; callId: string }[] = [];
  const lookups: string[] = [];
  const ivr = new IvrFlow({
    ari,
    events: { publish: async (event) => void published.push(event) },
    speech: { render: async (text, language) => `sound:${language}/${text}` },
    log: pino({ level: 'silent' }),
    now: () => (now += 100),
    queueById: (id) => demoQueues.find((q) => q.id === id),
    toQueue: async (channelId, queue, number, callId) => void queued.push({ channelId, queue, number, callId }),
    lookup: async (url, number) => {
      lookups.push(`${url} ${number}`);
      return answer ?? undefined;
    },
  });
  const enter = async () => {
    ari.channels.add('menu-caller');
    await ivr.enter(stasis('menu-caller', ['inbound', '7100'], '5550123'), menu);
    return ari.requests.find((r) => r.method === 'play')?.args[2] as string;
  };
  const played = () => ari.requests.filter((r) => r.method === 'play').map((r) => r.args[1] as string[]);
  const lastPlayback = () => ari.requests.filter((r) => r.method === 'play').at(-1)?.args[2] as string;
  return { ari, ivr, published, queued, lookups, enter, played, lastPlayback };
}

t.test('answered in the menu\'s language and prompted; a key leads on; a queue takes the caller with the path on their record', async (t) => {
  const { ari, ivr, published, queued, enter, played } = rig();
  await enter();
  t.ok(ari.since(0).includes('answer menu-caller') && ari.since(0).includes('setLanguage menu-caller'), 'answered, spoken to in zh');
  t.same(played(), [['sound:zh/main prompt']]);
  await ivr.onDtmf('menu-caller', '1');
  t.same(played().at(-1), ['sound:zh/billing prompt'], 'the second level');
  await ivr.onDtmf('menu-caller', '1');
  t.equal(queued.length, 1);
  t.match(queued[0], { channelId: 'menu-caller', queue: { id: 'billing' }, number: '5550123' });
  const menu = published.find((e) => e.type === 'call.menu');
  t.match(menu, { type: 'call.menu', callId: queued[0]?.callId, menuId: 'hotline', customerNumber: '5550123', exit: 'queue' });
  t.same(menu?.type === 'call.menu' && menu.path.map((s) => [s.node, s.key]), [['main', '1'], ['billing', '1'], ['to-billing', undefined]]);
  t.notOk(published.some((e) => e.type === 'call.ended'), 'the call goes on in the queue');
  t.notOk(ivr.has('menu-caller'), 'no longer in the menu');
});

t.test('a wrong key re-prompts after "not valid"; past the retries the default is taken', async (t) => {
  const { ivr, queued, published, enter, played } = rig();
  await enter();
  await ivr.onDtmf('menu-caller', '7');
  t.same(played().at(-1), ['sound:/var/lib/hotline/prompts/zh/survey-invalid', 'sound:zh/main prompt'], 'told, and asked again');
  await ivr.onDtmf('menu-caller', '#');
  t.match(queued, [{ queue: { id: 'general' } }], 'the second wrong key (retries: 1) takes the default');
  const menu = published.find((e) => e.type === 'call.menu');
  t.same(menu?.type === 'call.menu' && menu.path.map((s) => [s.node, s.key]), [['main', 'invalid'], ['general', undefined]]);
});

t.test('silence: the prompt is played again after the timeout, then the default', async (t) => {
  const quick = { ...MENU, nodes: { ...MENU.nodes, main: { ...MENU.nodes.main!, timeoutSecs: 1 } as StoredIvrMenu['nodes'][string] } };
  const { ivr, queued, enter, played, lastPlayback } = rig(undefined, quick);
  const first = await enter();
  await ivr.onPlaybackFinished(`${first.split('.')[0]}.ivr.99`);
  await new Promise((resolve) => setTimeout(resolve, 1_200));
  t.same(played(), [['sound:zh/main prompt']], 'the end of another playback starts no timer');
  await ivr.onPlaybackFinished(first);
  await new Promise((resolve) => setTimeout(resolve, 1_200));
  t.same(played(), [['sound:zh/main prompt'], ['sound:zh/main prompt']], 'asked again after a second of silence');
  await ivr.onPlaybackFinished(lastPlayback());
  await new Promise((resolve) => setTimeout(resolve, 1_200));
  t.match(queued, [{ queue: { id: 'general' } }], 'then the default');
});

t.test('an announcement with nowhere to go says goodbye; the caller is recorded as served in the menu', async (t) => {
  const { ari, ivr, published, enter, lastPlayback } = rig();
  await enter();
  await ivr.onDtmf('menu-caller', '2');
  await ivr.onPlaybackFinished(lastPlayback());
  t.ok(ari.since(0).includes('hangup menu-caller'));
  t.match(published.map((e) => e.type), ['call.menu', 'call.ended']);
  t.match(published, [{ type: 'call.menu', exit: 'completed' }, { type: 'call.ended', outcome: 'ivr', hangupBy: 'system' }]);
});

t.test('self-service: the answer for the caller\'s number is spoken, or the fallback when the lookup fails', async (t) => {
  const served = rig();
  await served.enter();
  await served.ivr.onDtmf('menu-caller', '3');
  t.same(served.lookups, ['http://orders.example/status 5550123']);
  t.same(served.played().at(-1), ['sound:zh/your order', 'sound:zh/shipped today']);
  await served.ivr.onPlaybackFinished(served.lastPlayback());
  t.match(served.queued, [{ queue: { id: 'general' } }], 'then on to the next node');

  const failed = rig(null);
  await failed.enter();
  await failed.ivr.onDtmf('menu-caller', '3');
  t.same(failed.played().at(-1), ['sound:zh/your order', 'sound:zh/cannot look it up']);
});

t.test('a caller who hangs up in the menu is recorded where they left, once', async (t) => {
  const { ivr, published, enter } = rig();
  await enter();
  await ivr.onDtmf('menu-caller', '1');
  await ivr.onChannelGone('menu-caller');
  await ivr.onChannelGone('menu-caller');
  t.match(published, [{ type: 'call.menu', exit: 'hung-up' }, { type: 'call.ended', outcome: 'ivr', hangupBy: 'caller' }]);
  t.equal(published.length, 2, 'once');
  const menu = published[0];
  t.same(menu?.type === 'call.menu' && menu.path.map((s) => s.node), ['main', 'billing'], 'left at the billing menu');
  await ivr.onDtmf('menu-caller', '1');
  t.equal(published.length, 2, 'a late key changes nothing');
});

t.test('the end of a prompt cut short by a key, arriving late, moves nobody on', async (t) => {
  const { ari, ivr, published, enter, lastPlayback } = rig();
  const first = await enter();
  await ivr.onDtmf('menu-caller', '2');
  await ivr.onPlaybackFinished(first);
  t.notOk(ari.since(0).includes('hangup menu-caller'), 'the outage notice is not taken as heard');
  t.equal(published.length, 0);
  await ivr.onPlaybackFinished(lastPlayback());
  t.match(published, [{ type: 'call.menu', exit: 'completed' }, { type: 'call.ended' }], 'its own end does');
});
