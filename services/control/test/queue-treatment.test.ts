import t from 'tap';
import { HandleTimes, announcementMedia, estimateWaitSecs } from '../src/features/calls/wait-estimate.js';
import { agentNumberMedia, parsePlaybackId, playbackId } from '../src/features/calls/media.js';

t.test('wait estimate: callers ahead served by the working agents, one handle time each', async (t) => {
  t.equal(estimateWaitSecs(1, 180, 3), 60);
  t.equal(estimateWaitSecs(6, 180, 3), 360);
  t.equal(estimateWaitSecs(4, 200, 1), 800);
  t.equal(estimateWaitSecs(3, 180, 0), undefined, 'nobody working: no estimate rather than a made-up one');
  t.equal(estimateWaitSecs(0, 180, 2), undefined);
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
    'sound:queue-thereare', 'number:3', 'sound:queue-callswaiting',
    'sound:queue-holdtime', 'sound:queue-less-than', 'number:1', 'sound:queue-minute', 'sound:queue-thankyou',
  ]);
  t.same(announcementMedia(5, 301), [
    'sound:queue-thereare', 'number:5', 'sound:queue-callswaiting', 'sound:queue-holdtime', 'number:6', 'sound:queue-minutes', 'sound:queue-thankyou',
  ], 'rounded up: never promise less than the estimate');
  t.same(announcementMedia(4, undefined), ['sound:queue-thereare', 'number:4', 'sound:queue-callswaiting', 'sound:queue-thankyou'], 'no estimate, no hold time');
});

t.test('agent number and playback ids', async (t) => {
  t.same(agentNumberMedia('1003'), ['sound:/var/lib/hotline/prompts/agent-intro', 'digits:1003', 'sound:/var/lib/hotline/prompts/will-serve-you']);
  const callId = '6f1c2f5e-3b1e-4d38-9a52-0d7a6c1e2b10';
  t.same(parsePlaybackId(playbackId(callId, 'announcement', 2)), { callId, kind: 'announcement' });
  t.same(parsePlaybackId(playbackId(callId, 'greeting')), { callId, kind: 'greeting' });
  t.equal(parsePlaybackId('no-kind'), undefined);
});
