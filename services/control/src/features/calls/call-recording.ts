import type { AmiAdapter } from '@hotline/asterisk';
import type { CallChange, RecordingPolicy } from '@hotline/contracts';
import type { JobBus } from '../../plugins/job-bus.js';
import type { CallEventBody, LiveCall } from './live-calls.js';

/** The queue's policy for one call: all, none, or a random sample of the given share. */
export function shouldRecord(policy: RecordingPolicy, random: () => number): boolean {
  if (policy.mode === 'all') return true;
  if (policy.mode === 'none') return false;
  return random() * 100 < policy.samplePct;
}

/** What recording asks of Asterisk: MixMonitor on the caller's channel, over AMI. */
export type MixMonitorPort = Pick<AmiAdapter, 'mixMonitor' | 'muteMixMonitor' | 'stopMixMonitor'>;

/** What the recorder uses of the call flow it belongs to. */
export interface RecorderHost {
  mixer: MixMonitorPort;
  jobs: Pick<JobBus, 'finaliseRecording'>;
  now(): number;
  publish(call: LiveCall, event: CallEventBody): void;
  notify(call: LiveCall, change: CallChange): void;
}

/**
 * How long after a call's end a recording is handed over when the caller's channel was already gone:
 * Asterisk closes the file by itself then, within moments of the hangup.
 */
const RECORDING_CLOSE_GRACE_MS = 2_000;

/**
 * A call's recording: the caller's channel recorded with MixMonitor (both directions mixed: the
 * caller, and what they hear of the agent) from the moment caller and agent are connected, pauses
 * kept as spans of silence, and the finished file handed to the workers, once. MixMonitor costs
 * Asterisk far less than a recorder channel in the bridge (bench/RESULTS.md, "Recording").
 */
export class CallRecorder {
  constructor(private readonly host: RecorderHost) {}

  async start(call: LiveCall): Promise<void> {
    const name = `calls/${call.id}`;
    try {
      await this.host.mixer.mixMonitor(call.callerChannelId, name);
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
    await this.host.mixer.muteMixMonitor(call.callerChannelId, paused);
    if (paused) recording.pausedSpans.push({ fromSecs: at });
    else if (open) open.toSecs = at;
    call.log.info({ paused, atSecs: at }, 'recording paused state changed');
    this.host.notify(call, 'recording');
    return 'ok';
  }

  /**
   * The call is over: the recording stops (the caller's channel may live on, into the survey or
   * another queue) and is handed to the workers, once. Asterisk answers the stop once the file is
   * closed; when the caller has hung up, it closes the file itself, so the hand-over waits a moment.
   */
  async stop(call: LiveCall): Promise<void> {
    const recording = call.recording;
    if (!recording || recording.published) return;
    recording.published = true;
    this.host.publish(call, { type: 'call.recorded', recordingId: call.id });
    const end = ((call.endedAt ?? this.host.now()) - recording.startedAt) / 1000;
    const pausedSpans = recording.pausedSpans.map((p) => ({ fromSecs: p.fromSecs, toSecs: p.toSecs ?? end }));
    const stopped = await this.host.mixer.stopMixMonitor(call.callerChannelId).then(
      () => true,
      () => false,
    );
    await this.host.jobs.finaliseRecording(
      { callId: call.id, name: recording.name, format: 'wav', startedAt: recording.startedAt, pausedSpans },
      stopped ? 0 : RECORDING_CLOSE_GRACE_MS,
    );
  }
}
