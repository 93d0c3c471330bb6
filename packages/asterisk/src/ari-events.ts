import type { LinkState } from './status.js';

/** The slice of ARI's event stream the control service acts on, with only the fields it needs. */
export interface StasisStartEvent {
  channelId: string;
  channelName: string;
  callerNumber: string;
  callerName: string;
  dialedExten: string;
  /** The Stasis() application arguments, e.g. ['inbound', '7000'] or ['agent-leg', callId]. */
  args: string[];
  state: string;
}

export interface AriEvents {
  stasisStart: [StasisStartEvent];
  stasisEnd: [{ channelId: string }];
  channelDestroyed: [{ channelId: string; cause: number; causeText: string }];
  channelStateChange: [{ channelId: string; state: string }];
  channelDtmf: [{ channelId: string; digit: string }];
  playbackStarted: [{ playbackId: string; targetUri: string; mediaUri: string }];
  playbackFinished: [{ playbackId: string; targetUri: string; mediaUri: string }];
  recordingFinished: [{ name: string; targetUri: string; durationSecs: number | undefined }];
  /** The event stream is (re)established: the app is registered again and channels can be adopted. */
  connected: [{ connects: number }];
  status: [LinkState];
}

export interface ChannelSummary {
  id: string;
  name: string;
  state: string;
  callerNumber: string;
  dialedExten: string;
  /** The channel's Stasis() arguments while it is in our app (e.g. ['inbound', '7000']); null elsewhere. */
  stasisArgs: string[] | null;
}

export interface RecordRequest {
  channelId: string;
  /** Stored under Asterisk's recording spool as `<name>.<format>`. */
  name: string;
  format: 'wav' | 'gsm';
  maxDurationSecs: number;
  maxSilenceSecs: number;
  beep: boolean;
  /** DTMF that ends the recording, e.g. '#'. */
  terminateOn: string;
}

export interface OriginateRequest {
  channelId: string;
  endpoint: string;
  appArgs: string;
  callerId: string;
  timeoutSecs: number;
  variables?: Record<string, string>;
  /** The channel this one is placed for: Asterisk then links the two (shared linkedid in CDRs, CEL and AMI). */
  originator?: string;
}
