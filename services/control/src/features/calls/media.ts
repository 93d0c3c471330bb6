/** Prompts rendered from asterisk-conf/prompts.txt live here inside Asterisk's filesystem. */
const PROMPTS = '/var/lib/hotline/prompts';

export const GREETING = `sound:${PROMPTS}/welcome`;
export const VOICEMAIL_INTRO = 'sound:vm-intro';

// Numbers and digits are spoken from sound files rather than Asterisk's number: and digits: media:
// a playback can be stopped only while it plays a sound file, and one stopped during a number
// would go on to its next item (connecting the caller would then wait for the whole prompt).

/** Digits read one by one ("1 0 0 3"), * and # by name. */
export function digitSounds(text: string): string[] {
  return [...text].map((c) => (c === '*' ? 'sound:digits/star' : c === '#' ? 'sound:digits/pound' : `sound:digits/${c}`));
}

/** A whole number in English words, 0–999,999 (larger ones are read digit by digit). */
export function numberSounds(n: number): string[] {
  const value = Math.max(0, Math.floor(n));
  if (value >= 1_000_000) return digitSounds(String(value));
  if (value >= 1000) return [...numberSounds(value / 1000), 'sound:digits/thousand', ...(value % 1000 > 0 ? numberSounds(value % 1000) : [])];
  if (value >= 100) return [`sound:digits/${Math.floor(value / 100)}`, 'sound:digits/hundred', ...(value % 100 > 0 ? numberSounds(value % 100) : [])];
  if (value >= 20) return [`sound:digits/${Math.floor(value / 10) * 10}`, ...(value % 10 > 0 ? [`sound:digits/${value % 10}`] : [])];
  return [`sound:digits/${value}`];
}

/** "Agent 1 0 0 3 will serve you", the agent's number read digit by digit. */
export function agentNumberMedia(agentId: string): string[] {
  return [`sound:${PROMPTS}/agent-intro`, ...digitSounds(agentId), `sound:${PROMPTS}/will-serve-you`];
}

/** "To keep your place in line and be called back, press 1." */
export function callbackOfferMedia(key: string): string[] {
  return [`sound:${PROMPTS}/callback-offer`, ...digitSounds(key)];
}
export const CALLBACK_BOOKED = `sound:${PROMPTS}/callback-booked`;
export const CALLBACK_ALREADY_BOOKED = `sound:${PROMPTS}/callback-already-booked`;
/** Heard by the agent while the customer's phone rings. */
export const CALLBACK_AGENT = `sound:${PROMPTS}/callback-agent`;

export type PlaybackKind =
  | 'greeting' | 'announcement' | 'agent-number' | 'voicemail-intro' | 'survey-prompt' | 'survey-thanks'
  | 'callback-prompt' | 'callback-booked' | 'callback-agent';

export const SURVEY_PROMPT = { csat: `sound:${PROMPTS}/survey-csat`, nps: `sound:${PROMPTS}/survey-nps` } as const;
/** "Sorry, that key is not valid": the survey's and the callback offer's re-prompt. */
export const KEY_INVALID = `sound:${PROMPTS}/survey-invalid`;
export const SURVEY_THANKS = `sound:${PROMPTS}/survey-thanks`;

/** Playback ids carry the call and what is being played, so a finished playback finds its call. */
export function playbackId(callId: string, kind: PlaybackKind, n?: number): string {
  return n === undefined ? `${callId}.${kind}` : `${callId}.${kind}.${n}`;
}

export function parsePlaybackId(id: string): { callId: string; kind: PlaybackKind } | undefined {
  const [callId, kind] = id.split('.');
  if (!callId || !kind) return undefined;
  return { callId, kind: kind as PlaybackKind };
}
