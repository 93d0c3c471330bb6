/** Prompts rendered from asterisk-conf/prompts.txt live here inside Asterisk's filesystem. */
const PROMPTS = '/var/lib/hotline/prompts';

export const GREETING = `sound:${PROMPTS}/welcome`;
export const VOICEMAIL_INTRO = 'sound:vm-intro';

/** "Agent 1 0 0 3 will serve you", the agent's number read digit by digit. */
export function agentNumberMedia(agentId: string): string[] {
  return [`sound:${PROMPTS}/agent-intro`, `digits:${agentId}`, `sound:${PROMPTS}/will-serve-you`];
}

export type PlaybackKind = 'greeting' | 'announcement' | 'agent-number' | 'voicemail-intro' | 'survey-prompt' | 'survey-thanks';

export const SURVEY_PROMPT = { csat: `sound:${PROMPTS}/survey-csat`, nps: `sound:${PROMPTS}/survey-nps` } as const;
export const SURVEY_INVALID = `sound:${PROMPTS}/survey-invalid`;
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
