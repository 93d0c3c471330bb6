import type { FastifyBaseLogger } from 'fastify';
import type { CallEvent, LiveCallStateName, OutboundStatus, PromptLanguage } from '@hotline/contracts';

export type LiveCallState = LiveCallStateName;

/** A callback the caller asked for: who to call, since when, and how far it got. */
export interface CallbackProgress {
  number: string;
  requestedAt: number;
  /** Calls placed to the customer so far. */
  attempts: number;
  /** The channel the caller asked from, hung up once they heard the confirmation. */
  lineChannelId: string;
  /** When the callback goes back into line after an unanswered attempt or outside the window. */
  retryAt: number | null;
  /** How it ended, once it has. */
  status: 'completed' | 'failed' | 'cancelled' | null;
}

/** A call event as the call flow hands it over: the id, call id and time are filled in when published. */
export type CallEventBody = DistributiveOmit<CallEvent, 'id' | 'callId' | 'at'>;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A customer call the control service is handling now; the durable record is the workers' job. */
export interface LiveCall {
  id: string;
  callerChannelId: string;
  queueId: string;
  customerNumber: string;
  customerTier: string;
  /** What the caller hears us speak: the language of the queue they called, for the whole call. */
  language: PromptLanguage;
  state: LiveCallState;
  enqueuedAt: number;
  agentId: string | null;
  agentChannelId: string | null;
  /** Offers made so far; numbers the agent legs so each has its own channel id. */
  offers: number;
  /** Position announcements played so far; the next one is due on `announceTimer`. */
  announcements: number;
  /** The place in line the caller was last told; never announced worse. */
  announcedPosition: number | null;
  announceTimer: NodeJS.Timeout | undefined;
  answeredAt: number | null;
  endedAt: number | null;
  outcome: 'answered' | 'abandoned' | 'overflowed' | 'voicemail' | 'callback' | 'blocked' | 'outbound' | null;
  /** Set once the caller asked to be called back; the caller's channel is then the customer leg being dialled. */
  callback: CallbackProgress | null;
  bridgeId: string | null;
  /** The bridge made while an agent rings, so answering only has to add the two channels; destroyed with the call if unused. */
  preparedBridge: { id: string; ready: Promise<boolean> } | null;
  /** What the caller may still be hearing from us (see caller-audio.ts). */
  audio: { playing: string[]; moh: boolean };
  /** The bridge recording, when the queue's policy recorded this call. */
  recording: CallRecording | null;
  /** The message the caller is leaving for the queue's voicemail box, once put through to it. */
  voicemail: VoicemailProgress | null;
  /** Set for a call an agent placed (click-to-dial); the caller's channel is then the customer's leg. */
  outbound: OutboundProgress | null;
  /** On hold since (null when not), and hold time so far. */
  hold: { since: number | null; totalMs: number };
  /** The agent's microphone is muted towards the caller. */
  muted: boolean;
  log: FastifyBaseLogger;
}

export interface CallRecording {
  name: string;
  startedAt: number;
  /** Seconds into the recording; an open span has `toSecs` undefined until resumed. */
  pausedSpans: { fromSecs: number; toSecs?: number }[];
  /** Set once `call.recorded` is published: the call's end and Asterisk's report both finalise it, the event goes once. */
  published?: boolean;
}

export interface OutboundProgress {
  number: string;
  /** How it went, once known. */
  status: OutboundStatus | null;
  /** The agent took their own phone: the router has them on the call. */
  agentOnLine: boolean;
}

export interface VoicemailProgress {
  /** When the caller was put through to the box. */
  leftAt: number;
  /** Asterisk finished the recording (the caller pressed # or fell silent): the file is closed. */
  closed?: boolean;
  /** Set once the message is handed to the workers: the call's end and a restart's adoption both end it, the hand-over goes once. */
  handedOver?: boolean;
}

/** Live calls by call id, by caller channel and by agent channel. */
export class LiveCalls {
  readonly #byId = new Map<string, LiveCall>();
  readonly #byChannel = new Map<string, LiveCall>();

  add(call: LiveCall): void {
    this.#byId.set(call.id, call);
    this.#byChannel.set(call.callerChannelId, call);
  }

  setAgentChannel(call: LiveCall, channelId: string | null): void {
    if (call.agentChannelId) this.#byChannel.delete(call.agentChannelId);
    call.agentChannelId = channelId;
    if (channelId) this.#byChannel.set(channelId, call);
  }

  /** A callback rings the customer on a new channel, which becomes the call's caller channel. */
  setCallerChannel(call: LiveCall, channelId: string): void {
    if (this.#byChannel.get(call.callerChannelId) === call) this.#byChannel.delete(call.callerChannelId);
    call.callerChannelId = channelId;
    this.#byChannel.set(channelId, call);
  }

  get(callId: string): LiveCall | undefined {
    return this.#byId.get(callId);
  }

  byChannel(channelId: string): LiveCall | undefined {
    return this.#byChannel.get(channelId);
  }

  /** Ended calls stay visible for a while so clients can read the outcome. */
  remove(call: LiveCall): void {
    this.#byId.delete(call.id);
    // A transferred caller's channel belongs to the call it continued as.
    for (const channelId of [call.callerChannelId, call.agentChannelId]) {
      if (channelId && this.#byChannel.get(channelId) === call) this.#byChannel.delete(channelId);
    }
  }

  list(): LiveCall[] {
    return [...this.#byId.values()];
  }
}
