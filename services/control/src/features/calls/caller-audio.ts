import type { AriPort } from './ari-port.js';
import type { LiveCall } from './live-calls.js';

/**
 * What a caller hears while the call is ours to play to (greeting, announcements, prompts, hold
 * music), kept so that making the caller silent asks Asterisk to stop only what is still going:
 * a finished playback or music never started costs no request. Playbacks queue per channel, so a
 * running one would hold up whatever is asked of the channel next.
 */
export class CallerAudio {
  constructor(private readonly ari: Pick<AriPort, 'play' | 'stopPlayback' | 'startMoh' | 'stopMoh'>) {}

  /** Plays to the caller; the playback counts as running until Asterisk reports it finished. */
  async play(call: LiveCall, media: string[], playbackId: string): Promise<void> {
    // Counted before the request: the finished event may arrive before the reply does.
    call.audio.playing.push(playbackId);
    try {
      await this.ari.play(call.callerChannelId, media, playbackId);
    } catch (error) {
      this.finished(call, playbackId);
      throw error;
    }
  }

  /** Asterisk reported the playback finished (or it was stopped). */
  finished(call: LiveCall, playbackId: string): void {
    call.audio.playing = call.audio.playing.filter((id) => id !== playbackId);
  }

  async startMoh(call: LiveCall): Promise<void> {
    if (call.audio.moh) return;
    await this.ari.startMoh(call.callerChannelId);
    call.audio.moh = true;
  }

  async stopMoh(call: LiveCall): Promise<void> {
    if (!call.audio.moh) return;
    call.audio.moh = false;
    await this.ari.stopMoh(call.callerChannelId).catch(() => undefined);
  }

  /** Stops what is still playing, then the music: a command on the channel waits behind a running playback. */
  async silence(call: LiveCall): Promise<void> {
    const playing = call.audio.playing;
    call.audio.playing = [];
    await Promise.all(playing.map((id) => this.ari.stopPlayback(id).catch(() => undefined)));
    await this.stopMoh(call);
  }
}
