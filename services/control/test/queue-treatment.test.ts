import t from 'tap';
import { AbandonRates, HandleTimes, announcementMedia, estimateCallerWaitSecs } from '../src/features/calls/wait-estimate.js';
import { agentNumberMedia, digitSounds, numberSounds, parsePlaybackId, playbackId } from '../src/features/calls/media.js';

t.test('wait estimate per caller: the eligible agents free up one by one, each caller ahead takes the first', async (t) => {
  const estimate = (ahead: number, freeInSecs: number[], abandonRate = 0) => estimateCallerWaitSecs({ ahead, abandonRate, freeInSecs, handleSecs: 180 });
  t.equal(estimate(0, [0, 50]), 0, 'next in line with an agent Ready: no wait');
  t.equal(estimate(0, [120, 50]), 50, 'next in line: the first agent to finish');
  t.equal(estimate(1, [120, 50]), 120, 'one ahead takes the agent free at 50 s; this caller the one free at 120 s');
  t.equal(estimate(2, [120, 50]), 230, 'two ahead: 50 and 120 are taken, the next free is 50 + 180');
  t.equal(estimate(5, [0, 0, 0]), 180, 'three agents Ready, five ahead: three start now, two at 180 s, the third agent is free then too');
  t.equal(estimate(6, [0, 0, 0]), 360, 'six ahead: two full rounds');
  t.equal(estimate(4, [0]), 720, 'one agent: four handle times');
  t.equal(estimate(4, [0], 0.5), 360, 'half the callers ahead give up: two of four are served before this one');
  t.equal(estimate(3, []), undefined, 'nobody eligible working: no estimate rather than a made-up one');
});

t.test('abandon rate: the share of the recent callers of a queue who hung up first', async (t) => {
  const rates = new AbandonRates(4);
  t.equal(rates.rate('general'), 0);
  for (const abandoned of [true, false, false, false, true]) rates.add('general', abandoned);
  t.equal(rates.rate('general'), 0.25, 'only the last four count');
  t.equal(rates.rate('billing'), 0, 'queues do not mix');
});

t.test('handle times: a rolling average per queue, with a fallback before any call', async (t) => {
  const times = new HandleTimes(120, 3);
  t.equal(times.average('general'), 120);
  times.add('general', 60);
  times.add('general', 90);
  t.equal(times.average('general'), 75);
  times.add('general', 120);
  times.add('general', 300); // pushes out the 60
  t.equal(times.average('general'), 170);
  t.equal(times.average('billing'), 120, 'queues do not mix');
});

t.test('announcement: place in line, then the estimate in minutes', async (t) => {
  t.same(announcementMedia(1, 45), ['sound:queue-youarenext', 'sound:queue-thankyou'], 'next in line: no estimate needed');
  t.same(announcementMedia(3, 45), [
    'sound:queue-thereare', 'sound:digits/3', 'sound:queue-callswaiting',
    'sound:queue-holdtime', 'sound:queue-less-than', 'sound:digits/1', 'sound:queue-minute', 'sound:queue-thankyou',
  ]);
  t.same(announcementMedia(5, 301), [
    'sound:queue-thereare', 'sound:digits/5', 'sound:queue-callswaiting', 'sound:queue-holdtime', 'sound:digits/6', 'sound:queue-minutes', 'sound:queue-thankyou',
  ], 'rounded up: never promise less than the estimate');
  t.same(announcementMedia(4, undefined), ['sound:queue-thereare', 'sound:digits/4', 'sound:queue-callswaiting', 'sound:queue-thankyou'], 'no estimate, no hold time');
});

t.test('agent number and playback ids', async (t) => {
  t.same(agentNumberMedia('1003'), ['sound:/var/lib/hotline/prompts/agent-intro', 'sound:digits/1', 'sound:digits/0', 'sound:digits/0', 'sound:digits/3', 'sound:/var/lib/hotline/prompts/will-serve-you']);
  const callId = '6f1c2f5e-3b1e-4d38-9a52-0d7a6c1e2b10';
  t.same(parsePlaybackId(playbackId(callId, 'announcement', 2)), { callId, kind: 'announcement' });
  t.same(parsePlaybackId(playbackId(callId, 'greeting')), { callId, kind: 'greeting' });
  t.equal(parsePlaybackId('no-kind'), undefined);
});

t.test('numbers and digits are spoken from sound files, so a playback can always be stopped', async (t) => {
  t.same(numberSounds(0), ['sound:digits/0']);
  t.same(numberSounds(17), ['sound:digits/17']);
  t.same(numberSounds(40), ['sound:digits/40']);
  t.same(numberSounds(42), ['sound:digits/40', 'sound:digits/2']);
  t.same(numberSounds(305), ['sound:digits/3', 'sound:digits/hundred', 'sound:digits/5']);
  t.same(numberSounds(2000), ['sound:digits/2', 'sound:digits/thousand']);
  t.same(numberSounds(12_345), ['sound:digits/12', 'sound:digits/thousand', 'sound:digits/3', 'sound:digits/hundred', 'sound:digits/40', 'sound:digits/5']);
  t.same(numberSounds(1_000_000), digitSounds('1000000'), 'beyond that, digit by digit');
  t.same(digitSounds('1*#'), ['sound:digits/1', 'sound:digits/star', 'sound:digits/pound']);
});
