import t from 'tap';
import type { StasisStartEvent } from '@hotline/asterisk';
import { StasisRouter } from '../src/plugins/stasis-router.js';

const event = (args: string[]): StasisStartEvent => ({ channelId: 'ch-1', channelName: 'PJSIP/x', callerNumber: '', callerName: '', dialedExten: '', args, state: 'Up' });

function setup() {
  const hungUp: string[] = [];
  const logged: string[] = [];
  const log = { warn: (_: object, msg: string) => void logged.push(`warn ${msg}`), info: (_: object, msg: string) => void logged.push(`info ${msg}`), error: (_: object, msg: string) => void logged.push(`error ${msg}`) };
  const router = new StasisRouter(async (channelId) => void hungUp.push(channelId), log);
  return { router, hungUp, logged };
}

t.test('each channel goes to the feature that owns its kind, with the kind’s argument', async (t) => {
  const { router, hungUp } = setup();
  const seen: string[] = [];
  router.register('inbound', async (e, number) => void seen.push(`inbound ${number} ${e.channelId}`));
  router.register('agent-leg', async (_, callId) => void seen.push(`agent-leg ${callId}`));
  await router.route(event(['inbound', '7000']));
  await router.route(event(['agent-leg', 'call-1']));
  t.same(seen, ['inbound 7000 ch-1', 'agent-leg call-1']);
  t.same(hungUp, []);
  t.throws(() => router.register('inbound', async () => undefined), /already have an owner/, 'one owner per kind');
});

t.test('a channel nobody owns, or without its argument, is hung up rather than left in silence', async (t) => {
  const { router, hungUp, logged } = setup();
  router.register('inbound', async () => undefined);
  await router.route(event(['mystery', 'x']));
  await router.route(event(['inbound']));
  await router.route(event([]));
  t.same(hungUp, ['ch-1', 'ch-1', 'ch-1']);
  t.equal(logged.filter((l) => l.startsWith('warn')).length, 3);
});

t.test("a handler's failure is logged, a channel gone meanwhile only noted", async (t) => {
  const { router, logged } = setup();
  router.register('inbound', async () => {
    throw new Error('Channel not found');
  });
  router.register('agent-leg', async () => {
    throw new Error('boom');
  });
  await router.route(event(['inbound', '7000']));
  await router.route(event(['agent-leg', 'c']));
  t.same(logged, ['info StasisStart: the channel went away meanwhile', 'error StasisStart failed']);
});
