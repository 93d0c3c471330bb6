import { tryHangup } from '@hotline/asterisk';
import type { JobBus } from '../../plugins/job-bus.js';
import type { AriPort } from './ari-port.js';
import type { CallerAudio } from './caller-audio.js';
import type { LiveCall, LiveCalls } from './live-calls.js';
import { playbackId, promptsFor } from './media.js';

const VOICEMAIL_MAX_SECS = 120;
/**
 * How long after a caller hung up mid-message the message is handed over: Asterisk closes the
 * file by itself then, within moments of the hangup.
 */
export const VOICEMAIL_CLOSE_GRACE_MS = 2_000;

/** What taking a voicemail uses of the call flow it belongs to. */
export interface VoicemailHost {
  ari: Pick<AriPort, 'record' | 'hangup'>;
  audio: CallerAudio;
  calls: LiveCalls;
  jobs: Pick<JobBus, 'fileVoicemail'>;
  now(): number;
  /** Stops announcements and whatever plays to the caller. */
  silence(call: LiveCall): Promise<void>;
  end(call: LiveCall, outcome: 'voicemail', hangupBy: 'system', options: { inRouting: false }): Promise<void>;
  /** The call no longer waits in its queue (the waiting gauge). */
  leftLine(call: LiveCall): void;
}

const recordingName = (call: LiveCall) => `voicemail/${call.id}`;

/**
 * A caller who overflows to voicemail: an introduction, a beep, and a message until #, silence or
 * hanging up; the message is then handed to the workers, which file it in the queue's box.
 */
export class Voicemail {
  constructor(private readonly host: VoicemailHost) {}

  async take(call: LiveCall): Promise<void> {
    call.state = 'voicemail';
    call.voicemail = { leftAt: this.host.now() };
    this.host.leftLine(call);
    await this.host.silence(call);
    await this.host.audio.play(call, [promptsFor(call.language).voicemailIntro], playbackId(call.id, 'voicemail-intro'));
    await this.host.ari.record({
      channelId: call.callerChannelId,
      name: recordingName(call),
      format: 'wav',
      maxDurationSecs: VOICEMAIL_MAX_SECS,
      maxSilenceSecs: 10,
      beep: true,
      terminateOn: '#',
    });
  }

  /** The recording ended (the caller pressed # or went silent): the file is closed and the call is over. */
  async finished(name: string): Promise<void> {
    const call = this.host.calls.get(name.replace(/^voicemail\//, ''));
    if (!call || call.state !== 'voicemail' || !call.voicemail) return;
    call.voicemail.closed = true;
    await this.host.end(call, 'voicemail', 'system', { inRouting: false });
    await tryHangup(this.host.ari, call.callerChannelId, call.log);
  }

  /**
   * A call that ended in voicemail, however it ended: its message goes to the workers once, at
   * once when Asterisk has closed the file, after a grace when the caller hung up mid-message.
   */
  handOver(call: LiveCall): void {
    const progress = call.voicemail;
    if (!progress || progress.handedOver) return;
    progress.handedOver = true;
    const job = { callId: call.id, name: recordingName(call), format: 'wav' as const, queueId: call.queueId, customerNumber: call.customerNumber, leftAt: progress.leftAt };
    this.host.jobs
      .fileVoicemail(job, progress.closed ? 0 : VOICEMAIL_CLOSE_GRACE_MS)
      .catch((error: Error) => call.log.error({ err: error.message }, 'could not hand the voicemail message to the workers'));
  }
}
