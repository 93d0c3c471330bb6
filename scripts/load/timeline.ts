import type { AmiEvent } from '@hotline/asterisk';

/** What AMI told about one channel, on Asterisk's own clock (ms). */
interface ChannelSeen {
  name: string;
  linkedid: string;
  callerNum: string;
  createdAt: number;
  upAt?: number;
  hungUp?: boolean;
  /** When it entered each bridge. */
  bridges: Map<string, number>;
}

/** One caller's call as Asterisk saw it. */
export interface CallTiming {
  number: string;
  /** Caller's INVITE arrived → the first agent's INVITE left (both channels created), ms. */
  inviteToAgentMs?: number;
  /** The answering agent's 200 OK → caller and agent in one bridge, ms. */
  answerToConnectMs?: number;
  /** Caller's INVITE → caller and agent in one bridge, ms. */
  waitMs?: number;
  agentChannels: number;
}

const text = (event: AmiEvent, key: string) => (typeof event[key] === 'string' ? (event[key] as string) : '');
/** timestampevents=yes (asterisk-conf/manager.conf): seconds with microseconds. */
const stamp = (event: AmiEvent) => Math.round(Number.parseFloat(text(event, 'timestamp')) * 1000);
const AGENT_CHANNEL = /^PJSIP\/\d{3,8}-/;

/**
 * Collects channel and bridge events and turns them into per-call timings. Agent legs are tied to
 * their caller by linkedid: app_queue's legs inherit it, and Hotline originates with the caller as
 * originator. Measured on Asterisk's clock, so neither system's event handling skews the other's.
 */
export class CallTimeline {
  readonly #channels = new Map<string, ChannelSeen>();
  #live = 0;
  peakConcurrentCalls = 0;

  constructor(private readonly trunkChannel: RegExp) {}

  onEvent(event: AmiEvent): void {
    const id = text(event, 'uniqueid');
    switch (event.event) {
      case 'Newchannel': {
        const name = text(event, 'channel');
        this.#channels.set(id, { name, linkedid: text(event, 'linkedid'), callerNum: text(event, 'calleridnum'), createdAt: stamp(event), bridges: new Map() });
        if (this.trunkChannel.test(name)) this.peakConcurrentCalls = Math.max(this.peakConcurrentCalls, ++this.#live);
        break;
      }
      case 'Newstate': {
        const seen = this.#channels.get(id);
        if (seen && text(event, 'channelstate') === '6' && seen.upAt === undefined) seen.upAt = stamp(event);
        break;
      }
      case 'BridgeEnter':
        this.#channels.get(id)?.bridges.set(text(event, 'bridgeuniqueid'), stamp(event));
        break;
      case 'Hangup': {
        const seen = this.#channels.get(id);
        if (seen) seen.hungUp = true;
        if (this.trunkChannel.test(text(event, 'channel')) && seen) this.#live -= 1;
        break;
      }
    }
  }

  /** Timings for the given caller numbers, from the trunk channels that carried them. */
  timings(numbers: string[]): CallTiming[] {
    const byNumber = new Map<string, [string, ChannelSeen]>();
    const legsByLinkedid = new Map<string, ChannelSeen[]>();
    for (const [id, seen] of this.#channels) {
      if (this.trunkChannel.test(seen.name)) byNumber.set(seen.callerNum, [id, seen]);
      else if (AGENT_CHANNEL.test(seen.name)) legsByLinkedid.set(seen.linkedid, [...(legsByLinkedid.get(seen.linkedid) ?? []), seen]);
    }
    return numbers.map((number) => {
      const found = byNumber.get(number);
      if (!found) return { number, agentChannels: 0 };
      const [id, caller] = found;
      const legs = (legsByLinkedid.get(id) ?? []).sort((a, b) => a.createdAt - b.createdAt);
      const timing: CallTiming = { number, agentChannels: legs.length };
      if (legs[0]) timing.inviteToAgentMs = legs[0].createdAt - caller.createdAt;
      for (const leg of legs) {
        if (leg.upAt === undefined) continue;
        for (const [bridge, enteredAt] of leg.bridges) {
          const callerEnteredAt = caller.bridges.get(bridge);
          if (callerEnteredAt === undefined) continue;
          const connectedAt = Math.max(enteredAt, callerEnteredAt);
          timing.answerToConnectMs = connectedAt - leg.upAt;
          timing.waitMs = connectedAt - caller.createdAt;
        }
      }
      return timing;
    });
  }

  /** A caller still on the line: their trunk channel, when it was created, and whether an agent has been rung for them. */
  waitingCaller(number: string): { channel: string; createdAt: number; agentRung: boolean } | undefined {
    for (const [id, seen] of this.#channels) {
      if (seen.callerNum !== number || !this.trunkChannel.test(seen.name) || seen.hungUp) continue;
      const agentRung = [...this.#channels.values()].some((leg) => leg.linkedid === id && AGENT_CHANNEL.test(leg.name));
      return { channel: seen.name, createdAt: seen.createdAt, agentRung };
    }
    return undefined;
  }

  /** Forget a finished phase. */
  clear(): void {
    this.#channels.clear();
    this.#live = 0;
    this.peakConcurrentCalls = 0;
  }
}
