import t from 'tap';
import pino from 'pino';
import { CallerAudio } from '../src/features/calls/caller-audio.js';
import type { LiveCall } from '../src/features/calls/live-calls.js';
import { FakeAri } from './helpers/fake-ari.js';

const callOn = (channel: string) => ({ id: 'c', callerChannelId: channel, audio: { playing: [], moh: false }, log: pino({ level: 'silent' }) }) as unknown as LiveCall;

t.test('silence asks Asterisk to stop only what still plays', async (t) => {
  const ari = new FakeAri();
  ari.channels.add('ch');
  const audio = new CallerAudio(ari);
  const call = callOn('ch');
  await audio.silence(call);
  t.same(ari.since(0), [], 'nothing playing, no music: no request at all');
  await audio.play(call, ['sound:a'], 'c.greeting');
  await audio.play(call, ['sound:b'], 'c.announcement.1');
  audio.finished(call, 'c.greeting');
  await audio.startMoh(call);
  await audio.startMoh(call);
  const from = ari.requests.length;
  await audio.silence(call);
  t.same(ari.since(from), ['stopPlayback c.announcement.1', 'stopMoh ch'], 'the running announcement, then the music');
  t.same(call.audio, { playing: [], moh: false });
  t.equal(ari.requests.filter((r) => r.method === 'startMoh').length, 1, 'music already on is not started twice');
});

t.test('a playback Asterisk refused is not counted as playing', async (t) => {
  const ari = new FakeAri();
  const audio = new CallerAudio(ari);
  const call = callOn('gone');
  await t.rejects(audio.play(call, ['sound:a'], 'c.greeting'), /Channel not found/);
  t.same(call.audio.playing, []);
});
