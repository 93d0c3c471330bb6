import { readFileSync } from 'node:fs';
import t from 'tap';
import { AbandonRates, HandleTimes, announcementMedia, estimateCallerWaitSecs } from '../src/features/calls/wait-estimate.js';
import { agentNumberMedia, callbackOfferMedia, parsePlaybackId, playbackId, promptsFor } from '../src/features/calls/media.js';

const en = promptsFor('en');
const zh = promptsFor('zh');
const ZH = 'sound:/var/lib/hotline/prompts/zh';

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
  t.same(announcementMedia(en, 1, 45), ['sound:queue-youarenext', 'sound:queue-thankyou'], 'next in line: no estimate needed');
  t.same(announcementMedia(en, 3, 45), [
    'sound:queue-thereare', 'sound:digits/3', 'sound:queue-callswaiting',
    'sound:queue-holdtime', 'sound:queue-less-than', 'sound:digits/1', 'sound:queue-minute', 'sound:queue-thankyou',
  ]);
  t.same(announcementMedia(en, 5, 301), [
    'sound:queue-thereare', 'sound:digits/5', 'sound:queue-callswaiting', 'sound:queue-holdtime', 'sound:digits/6', 'sound:queue-minutes', 'sound:queue-thankyou',
  ], 'rounded up: never promise less than the estimate');
  t.same(announcementMedia(en, 4, undefined), ['sound:queue-thereare', 'sound:digits/4', 'sound:queue-callswaiting', 'sound:queue-thankyou'], 'no estimate, no hold time');
});

t.test('agent number and playback ids', async (t) => {
  t.same(agentNumberMedia(en, '1003'), ['sound:/var/lib/hotline/prompts/en/agent-intro', 'sound:digits/1', 'sound:digits/0', 'sound:digits/0', 'sound:digits/3', 'sound:/var/lib/hotline/prompts/en/will-serve-you']);
  const callId = '6f1c2f5e-3b1e-4d38-9a52-0d7a6c1e2b10';
  t.same(parsePlaybackId(playbackId(callId, 'announcement', 2)), { callId, kind: 'announcement' });
  t.same(parsePlaybackId(playbackId(callId, 'greeting')), { callId, kind: 'greeting' });
  t.equal(parsePlaybackId('no-kind'), undefined);
});

t.test('numbers and digits are spoken from sound files, so a playback can always be stopped', async (t) => {
  t.same(en.number(0), ['sound:digits/0']);
  t.same(en.number(17), ['sound:digits/17']);
  t.same(en.number(40), ['sound:digits/40']);
  t.same(en.number(42), ['sound:digits/40', 'sound:digits/2']);
  t.same(en.number(305), ['sound:digits/3', 'sound:digits/hundred', 'sound:digits/5']);
  t.same(en.number(2000), ['sound:digits/2', 'sound:digits/thousand']);
  t.same(en.number(12_345), ['sound:digits/12', 'sound:digits/thousand', 'sound:digits/3', 'sound:digits/hundred', 'sound:digits/40', 'sound:digits/5']);
  t.same(en.number(1_000_000), en.digits('1000000'), 'beyond that, digit by digit');
  t.same(en.digits('1*#'), ['sound:digits/1', 'sound:digits/star', 'sound:digits/pound']);
});

t.test('Mandarin: every sound is ours; digits say 1 as 幺, quantities as 一', async (t) => {
  t.same(agentNumberMedia(zh, '1003'), [`${ZH}/agent-intro`, `${ZH}/digit-1`, `${ZH}/digit-0`, `${ZH}/digit-0`, `${ZH}/digit-3`, `${ZH}/will-serve-you`], '工号幺零零三为您服务');
  t.same(announcementMedia(zh, 12, 130), [
    `${ZH}/queue-there-are`, `${ZH}/number-10`, `${ZH}/number-2`, `${ZH}/queue-calls-waiting`,
    `${ZH}/queue-hold-time`, `${ZH}/number-3`, `${ZH}/queue-minutes`, `${ZH}/queue-thank-you`,
  ], '您前面还有十二位客户在等待，预计等待时间三分钟');
  t.same(announcementMedia(zh, 1, 30), [`${ZH}/queue-you-are-next`, `${ZH}/queue-thank-you`]);
  t.same(callbackOfferMedia(zh, '*'), [`${ZH}/callback-offer`, `${ZH}/digit-star`]);
  t.same(zh.number(200), [`${ZH}/number-liang`, `${ZH}/number-100`], '两百');
  const everySound = [zh.greeting, zh.voicemailIntro, zh.survey.csat, zh.survey.nps, zh.keyInvalid, zh.surveyThanks, zh.callbackBooked, zh.callbackAlreadyBooked, zh.callbackAgent, zh.lessThan, zh.minute];
  t.ok(everySound.every((sound) => sound.startsWith(`${ZH}/`)), 'no English sound in a Mandarin call');
  t.equal(en.greeting, 'sound:/var/lib/hotline/prompts/en/welcome');
});

t.test('every prompt a call can play in each language has its text in asterisk-conf/prompts', async (t) => {
  for (const language of ['en', 'zh'] as const) {
    const texts = readFileSync(new URL(`../../../asterisk-conf/prompts/${language}.txt`, import.meta.url), 'utf8');
    const defined = new Set(texts.split('\n').filter((line) => line && !line.startsWith('#')).map((line) => line.split('|')[0]));
    const p = promptsFor(language);
    const played = [
      p.greeting, p.voicemailIntro, p.agentIntro, p.willServeYou, p.youAreNext, p.thereAre, p.callsWaiting, p.holdTime, p.lessThan, p.minute,
      p.minutes, p.thankYou, p.survey.csat, p.survey.nps, p.keyInvalid, p.surveyThanks, p.callbackOffer, p.callbackBooked, p.callbackAlreadyBooked,
      p.callbackAgent, ...p.digits('0123456789*#'), ...[0, 2, 12, 200, 2000, 20_000, 12_345].flatMap((n) => p.number(n)),
    ];
    const ours = `sound:/var/lib/hotline/prompts/${language}/`;
    const missing = played.filter((sound) => sound.startsWith(ours) && !defined.has(sound.slice(ours.length)));
    t.same(missing, [], `${language}: nothing played without its text`);
  }
  t.ok(readFileSync(new URL('../../../asterisk-conf/prompts/en.txt', import.meta.url), 'utf8').includes('\nblocked|'), "the dialplan's blocked message exists in English");
  t.ok(readFileSync(new URL('../../../asterisk-conf/prompts/zh.txt', import.meta.url), 'utf8').includes('\nblocked|'), 'and in Mandarin');
});
