import type { PromptLanguage } from '@hotline/contracts';
import { mandarinNumberWords } from './mandarin-numbers.js';

/**
 * Prompts rendered from asterisk-conf/prompts/<language>.txt live here inside Asterisk's
 * filesystem, one folder per language.
 */
const PROMPTS = '/var/lib/hotline/prompts';

/** Everything a caller (or an agent, for callbacks) hears from us, in one language. */
export interface Prompts {
  language: PromptLanguage;
  greeting: string;
  voicemailIntro: string;
  agentIntro: string;
  willServeYou: string;
  youAreNext: string;
  thereAre: string;
  callsWaiting: string;
  holdTime: string;
  lessThan: string;
  minute: string;
  minutes: string;
  thankYou: string;
  survey: { csat: string; nps: string };
  /** "Sorry, that key is not valid": the survey's and the callback offer's re-prompt. */
  keyInvalid: string;
  surveyThanks: string;
  callbackOffer: string;
  callbackBooked: string;
  callbackAlreadyBooked: string;
  /** Heard by the agent while the customer's phone rings. */
  callbackAgent: string;
  /** Digits read one by one ("1 0 0 3"), * and # by name. */
  digits(text: string): string[];
  /** A whole number as it is said ("forty-two", "四十二"). */
  number(n: number): string[];
}

// Numbers and digits are spoken from sound files rather than Asterisk's number: and digits: media:
// a playback can be stopped only while it plays a sound file, and one stopped during a number
// would go on to its next item (connecting the caller would then wait for the whole prompt).

const ours = (language: PromptLanguage, name: string) => `sound:${PROMPTS}/${language}/${name}`;

/** The texts both languages render from asterisk-conf/prompts/. */
function rendered(language: PromptLanguage) {
  const p = (name: string) => ours(language, name);
  return {
    language,
    greeting: p('welcome'),
    agentIntro: p('agent-intro'),
    willServeYou: p('will-serve-you'),
    survey: { csat: p('survey-csat'), nps: p('survey-nps') },
    keyInvalid: p('survey-invalid'),
    surveyThanks: p('survey-thanks'),
    callbackOffer: p('callback-offer'),
    callbackBooked: p('callback-booked'),
    callbackAlreadyBooked: p('callback-already-booked'),
    callbackAgent: p('callback-agent'),
  };
}

/** Digits read one by one from `file(digit)`, * and # by name. */
const digitsFrom = (file: (name: string) => string) => (text: string) =>
  [...text].map((c) => file(c === '*' ? 'star' : c === '#' ? 'pound' : c));

const englishDigits = digitsFrom((name) => `sound:digits/${name}`);

/** A whole number in English words, 0–999,999, from Asterisk's own sounds (larger ones digit by digit). */
function englishNumber(n: number): string[] {
  const value = Math.max(0, Math.floor(n));
  if (value >= 1_000_000) return englishDigits(String(value));
  if (value >= 1000) return [...englishNumber(value / 1000), 'sound:digits/thousand', ...(value % 1000 > 0 ? englishNumber(value % 1000) : [])];
  if (value >= 100) return [`sound:digits/${Math.floor(value / 100)}`, 'sound:digits/hundred', ...(value % 100 > 0 ? englishNumber(value % 100) : [])];
  if (value >= 20) return [`sound:digits/${Math.floor(value / 10) * 10}`, ...(value % 10 > 0 ? [`sound:digits/${value % 10}`] : [])];
  return [`sound:digits/${value}`];
}

/** English: our texts, and Asterisk's own sounds for numbers, queue positions and voicemail. */
const ENGLISH: Prompts = {
  ...rendered('en'),
  voicemailIntro: 'sound:vm-intro',
  youAreNext: 'sound:queue-youarenext',
  thereAre: 'sound:queue-thereare',
  callsWaiting: 'sound:queue-callswaiting',
  holdTime: 'sound:queue-holdtime',
  lessThan: 'sound:queue-less-than',
  minute: 'sound:queue-minute',
  minutes: 'sound:queue-minutes',
  thankYou: 'sound:queue-thankyou',
  digits: englishDigits,
  number: englishNumber,
};

/**
 * Mandarin: every sound is ours (Asterisk ships no Mandarin sounds). Digits read one by one say
 * 1 as 幺, as numbers are read out on the phone ("工号幺零零三"); quantities say it as 一.
 */
const MANDARIN: Prompts = {
  ...rendered('zh'),
  voicemailIntro: ours('zh', 'voicemail-intro'),
  youAreNext: ours('zh', 'queue-you-are-next'),
  thereAre: ours('zh', 'queue-there-are'),
  callsWaiting: ours('zh', 'queue-calls-waiting'),
  holdTime: ours('zh', 'queue-hold-time'),
  lessThan: ours('zh', 'queue-less-than'),
  minute: ours('zh', 'queue-minutes'),
  minutes: ours('zh', 'queue-minutes'),
  thankYou: ours('zh', 'queue-thank-you'),
  digits: digitsFrom((name) => ours('zh', `digit-${name}`)),
  number: (n) => mandarinNumberWords(n).map((word) => ours('zh', `number-${word}`)),
};

export function promptsFor(language: PromptLanguage): Prompts {
  return language === 'zh' ? MANDARIN : ENGLISH;
}

/** "Agent 1 0 0 3 will serve you" / "工号幺零零三为您服务": the agent's number read digit by digit. */
export function agentNumberMedia(prompts: Prompts, agentId: string): string[] {
  return [prompts.agentIntro, ...prompts.digits(agentId), prompts.willServeYou];
}

/** "To keep your place in line and be called back, press 1." */
export function callbackOfferMedia(prompts: Prompts, key: string): string[] {
  return [prompts.callbackOffer, ...prompts.digits(key)];
}

export type PlaybackKind =
  | 'greeting' | 'announcement' | 'agent-number' | 'voicemail-intro' | 'survey-prompt' | 'survey-thanks'
  | 'callback-prompt' | 'callback-booked' | 'callback-agent' | 'ringback' | 'ivr';

/** Playback ids carry the call and what is being played, so a finished playback finds its call. */
export function playbackId(callId: string, kind: PlaybackKind, n?: number): string {
  return n === undefined ? `${callId}.${kind}` : `${callId}.${kind}.${n}`;
}

export function parsePlaybackId(id: string): { callId: string; kind: PlaybackKind } | undefined {
  const [callId, kind] = id.split('.');
  if (!callId || !kind) return undefined;
  return { callId, kind: kind as PlaybackKind };
}
