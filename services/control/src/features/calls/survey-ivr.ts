import type { AriPort } from './ari-port.js';
import type { LiveCall } from './live-calls.js';
import { parsePlaybackId, playbackId, promptsFor } from './media.js';
import { scoreFromKey, type SurveyScale } from './survey-keys.js';

/** Retries after the first prompt: an invalid key or silence re-prompts this many times, then thanks. */
const MAX_RETRIES = 2;
const KEY_TIMEOUT_MS = 6_000;
/** If the thank-you never reports finishing, release the caller anyway. */
const GOODBYE_FALLBACK_MS = 10_000;

export interface SurveyResult {
  call: LiveCall;
  scale: SurveyScale;
  /** null: offered, but no valid key (hung up, silence or invalid keys). */
  score: number | null;
}

interface Session {
  call: LiveCall;
  scale: SurveyScale;
  prompts: number;
  timer: NodeJS.Timeout | undefined;
  result: number | null | undefined;
}

/**
 * The post-call survey a caller hears when the agent hangs up first: one keypress, re-prompted on
 * an invalid key or silence (two retries), then thanks and goodbye. Keys pressed while a prompt
 * plays count at once.
 */
export class SurveyIvr {
  readonly #byChannel = new Map<string, Session>();

  constructor(
    private readonly ari: AriPort,
    private readonly onResult: (result: SurveyResult) => void,
  ) {}

  async start(call: LiveCall, scale: SurveyScale): Promise<void> {
    const session: Session = { call, scale, prompts: 0, timer: undefined, result: undefined };
    this.#byChannel.set(call.callerChannelId, session);
    call.log.info({ scale }, 'survey offered');
    // Playbacks queue per channel: the agent-number announcement must not delay the question.
    await this.ari.stopPlayback(playbackId(call.id, 'agent-number')).catch(() => undefined);
    await this.#prompt(session, false);
  }

  async onDtmf(channelId: string, digit: string): Promise<void> {
    const session = this.#byChannel.get(channelId);
    if (!session || session.result !== undefined) return;
    clearTimeout(session.timer);
    await this.ari.stopPlayback(playbackId(session.call.id, 'survey-prompt', session.prompts)).catch(() => undefined);
    const score = scoreFromKey(session.scale, digit);
    if (score !== undefined) return this.#finish(session, score);
    session.call.log.info({ digit }, 'survey key not valid');
    await this.#retryOrGiveUp(session);
  }

  /** A prompt ended with no key: wait for one; thanks ended: goodbye. */
  async onPlaybackFinished(id: string): Promise<void> {
    const parsed = parsePlaybackId(id);
    const session = parsed && this.#byChannel.get(this.#channelOf(parsed.callId) ?? '');
    if (!session || !parsed) return;
    if (parsed.kind === 'survey-thanks') {
      await this.#goodbye(session);
    } else if (parsed.kind === 'survey-prompt' && session.result === undefined && id === playbackId(session.call.id, 'survey-prompt', session.prompts)) {
      clearTimeout(session.timer);
      session.timer = setTimeout(() => void this.#retryOrGiveUp(session).catch(() => undefined), KEY_TIMEOUT_MS);
    }
  }

  /** The caller left: whatever was collected is the result. */
  onChannelGone(channelId: string): void {
    const session = this.#byChannel.get(channelId);
    if (!session) return;
    clearTimeout(session.timer);
    this.#byChannel.delete(channelId);
    if (session.result === undefined) this.onResult({ call: session.call, scale: session.scale, score: null });
  }

  #channelOf(callId: string): string | undefined {
    for (const [channel, session] of this.#byChannel) if (session.call.id === callId) return channel;
    return undefined;
  }

  async #retryOrGiveUp(session: Session): Promise<void> {
    if (session.result !== undefined) return;
    if (session.prompts > MAX_RETRIES) return this.#finish(session, null);
    await this.#prompt(session, true);
  }

  async #prompt(session: Session, afterInvalid: boolean): Promise<void> {
    session.prompts += 1;
    const prompts = promptsFor(session.call.language);
    const media = afterInvalid ? [prompts.keyInvalid, prompts.survey[session.scale]] : [prompts.survey[session.scale]];
    await this.ari.play(session.call.callerChannelId, media, playbackId(session.call.id, 'survey-prompt', session.prompts));
  }

  async #finish(session: Session, score: number | null): Promise<void> {
    clearTimeout(session.timer);
    session.result = score;
    this.onResult({ call: session.call, scale: session.scale, score });
    session.timer = setTimeout(() => void this.#goodbye(session), GOODBYE_FALLBACK_MS);
    await this.ari.play(session.call.callerChannelId, [promptsFor(session.call.language).surveyThanks], playbackId(session.call.id, 'survey-thanks'));
  }

  async #goodbye(session: Session): Promise<void> {
    clearTimeout(session.timer);
    await this.ari.hangup(session.call.callerChannelId).catch((error: Error) => session.call.log.warn({ err: error.message }, 'survey hangup failed'));
  }
}
