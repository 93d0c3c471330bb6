import { tryHangup } from '@hotline/asterisk';
import type { AriPort } from './ari-port.js';
import type { CallerAudio } from './caller-audio.js';
import type { LiveCall, LiveCalls } from './live-calls.js';
import { VOICEMAIL_INTRO, playbackId } from './media.js';

const VOICEMAIL_MAX_SECS = 120;

/** What taking a voicemail uses of the call flow it belongs to. */
export interface VoicemailHost {
  ari: Pick<AriPort, 'record' | 'hangup'>;
  audio: CallerAudio;
  calls: LiveCalls;
  /** Stops announcements and whatever plays to the caller. */
  silence(call: LiveCall): Promise<void>;
  end(call: LiveCall, outcome: 'voicemail', hangupBy: 'system', options: { inRouting: false }): Promise<void>;
  /** The call no longer waits in its queue (the waiting gauge). */
  leftLine(call: LiveCall): void;
}

/** A caller who overflows to voicemail: an introduction, a beep, and a message until # or silence. */
export class Voicemail {
  constructor(private readonly host: VoicemailHost) {}

  async take(call: LiveCall): Promise<void> {
    call.state = 'voicemail';
    this.host.leftLine(call);
    await this.host.silence(call);
    await this.host.audio.play(call, [VOICEMAIL_INTRO], playbackId(call.id, 'voicemail-intro'));
    await this.host.ari.record({
      channelId: call.callerChannelId,
      name: `voicemail/${call.id}`,
      format: 'wav',
      maxDurationSecs: VOICEMAIL_MAX_SECS,
      maxSilenceSecs: 10,
      beep: true,
      terminateOn: '#',
    });
  }

  /** The recording ended (the caller pressed # or went silent): the call is over. */
  async finished(name: string): Promise<void> {
    const call = this.host.calls.get(name.replace(/^voicemail\//, ''));
    if (!call || call.state !== 'voicemail') return;
    await this.host.end(call, 'voicemail', 'system', { inRouting: false });
    await tryHangup(this.host.ari, call.callerChannelId, call.log);
  }
}
