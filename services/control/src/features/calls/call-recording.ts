import type { CallChange, RecordingPolicy } from '@hotline/contracts';
import type { JobBus } from '../../plugins/job-bus.js';
import type { AriPort } from './ari-port.js';
import type { CallEventBody, LiveCall } from './live-calls.js';

/** The queue's policy for one call: all, none, or a random sample of the given share. */
export function shouldRecord(policy: RecordingPolicy, random: () => number): boolean {
  if (policy.mode === 'all') return true;
  if (policy.mode === 'none') return false;
  return random() * 100 < policy.samplePct;
}

/** What the recorder uses of the call flow it belongs to. */
export interface RecorderHost {
  ari: Pick<AriPort, 'recordBridge' | 'muteRecording' | 'unmuteRecording'>;
  jobs: Pick<JobBus, 'finaliseRecording'>;
  now(): number;
  publish(call: LiveCall, event: CallEventBody): void;
  notify(call: LiveCall, change: CallChange): void;
}

/**
 * A call's recording: the bridge recorded from the moment caller and agent are connected, pauses
 * kept as spans of silence, and the finished file handed to the workers, once.
 */
export class CallRecorder {
  constructor(private readonly host: RecorderHost) {}

  async start(call: LiveCall): Promise<void> {
    const name = `calls/${call.id}`;
    try {
      await this.host.ari.recordBridge(call.bridgeId ?? call.id, name);
      call.recording = { name, startedAt: this.host.now(), pausedSpans: [] };
    } catch (error) {
      // The call matters more than its recording: log, and let the call go on unrecorded.
      call.log.error({ err: (error as Error).message }, 'could not start the call recording');
    }
  }

  /**
   * Pause (mute) or resume the recording, e.g. while a caller reads out card details. The paused
   * span stays in the file as silence and is listed with the recording.
   */
  async setPaused(call: LiveCall, paused: boolean): Promise<'ok' | 'not-recording' | 'unchanged'> {
    const recording = call.recording;
    if (!recording) return 'not-recording';
    const open = recording.pausedSpans.find((p) => p.toSecs === undefined);
    if (paused === Boolean(open)) return 'unchanged';
    const at = (this.host.now() - recording.startedAt) / 1000;
    if (paused) {
      await this.host.ari.muteRecording(recording.name);
      recording.pausedSpans.push({ fromSecs: at });
    } else if (open) {
      await this.host.ari.unmuteRecording(recording.name);
      open.toSecs = at;
    }
    call.log.info({ paused, atSecs: at }, 'recording paused state changed');
    this.host.notify(call, 'recording');
    return 'ok';
  }

  /**
   * Queues the recording's finalisation. Asterisk's RecordingFinished event queues it at once; the
   * call's end queues it too, delayed, in case that event never comes (one job per call either way).
   */
  async finalise(call: LiveCall, delayMs: number, failure?: string): Promise<void> {
    const recording = call.recording;
    if (!recording) return;
    const end = ((call.endedAt ?? this.host.now()) - recording.startedAt) / 1000;
    const pausedSpans = recording.pausedSpans.map((p) => ({ fromSecs: p.fromSecs, toSecs: p.toSecs ?? end }));
    if (!recording.published) this.host.publish(call, { type: 'call.recorded', recordingId: call.id });
    recording.published = true;
    await this.host.jobs.finaliseRecording(
      { callId: call.id, name: recording.name, format: 'wav', startedAt: recording.startedAt, pausedSpans, ...(failure ? { failure } : {}) },
      delayMs,
    );
  }
}
