/** Prompts rendered from asterisk-conf/prompts.txt live here inside Asterisk's filesystem. */
const PROMPTS = '/var/lib/hotline/prompts';

export const GREETING = `sound:${PROMPTS}/welcome`;
export const VOICEMAIL_INTRO = 'sound:vm-intro';

/** "Agent 1 0 0 3 will serve you", the agent's number read digit by digit. */
export function agentNumberMedia(agentId: string): string[] {
  return [`sound:${PROMPTS}/agent-intro`, `digits:${agentId}`, `sound:${PROMPTS}/will-serve-you`];
}

/** "To keep your place in line and be called back, press 1." */
export function callbackOfferMedia(key: string): string[] {
  return [`sound:${PROMPTS}/callback-offer`, key === '*' ? 'sound:digits/star' : key === '#' ? 'sound:digits/pound' : `digits:${key}`];
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
