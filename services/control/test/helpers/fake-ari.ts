import type { AriPort } from '../../src/features/calls/ari-port.js';
import type { MixMonitorPort } from '../../src/features/calls/call-recording.js';

/** Everything the call flows ask of Asterisk: ARI, and MixMonitor over AMI. */
type AsteriskPort = AriPort & MixMonitorPort;

export interface AriRequest {
  method: keyof AsteriskPort;
  args: unknown[];
}

/**
 * Asterisk as the call flows see it, in memory: every request is recorded in order and answered
 * at once. Channels and bridges exist as Asterisk would have them, so a request on one that is
 * gone fails the way ARI does ("Channel not found"), and a test can make any request fail.
 */
export class FakeAri implements AsteriskPort {
  readonly requests: AriRequest[] = [];
  readonly channels = new Set<string>();
  readonly bridges = new Set<string>();
  readonly #failures = new Map<keyof AsteriskPort, Error>();

  /** The next request of this kind fails with `error`. */
  failNext(method: keyof AsteriskPort, error: Error): void {
    this.#failures.set(method, error);
  }

  /** Requests since `from`, as "method arg0" lines: easy to read in a failing assertion. */
  since(from: number): string[] {
    return this.requests.slice(from).map(({ method, args }) => `${method} ${String(args[0] ?? '')}`.trim());
  }

  #request(method: keyof AsteriskPort, args: unknown[]): void {
    this.requests.push({ method, args });
    const failure = this.#failures.get(method);
    if (failure) {
      this.#failures.delete(method);
      throw failure;
    }
  }

  #channel(id: string): void {
    if (!this.channels.has(id)) throw new Error('Channel not found');
  }

  async answer(channelId: string) {
    this.#request('answer', [channelId]);
    this.#channel(channelId);
  }
  async hangup(channelId: string, reason?: string) {
    this.#request('hangup', [channelId, reason]);
    this.#channel(channelId);
    this.channels.delete(channelId);
  }
  async setLanguage(channelId: string, language: string) {
    this.#request('setLanguage', [channelId, language]);
    this.#channel(channelId);
  }

  async continueInDialplan(channelId: string, context: string) {
    this.#request('continueInDialplan', [channelId, context]);
    this.#channel(channelId);
    this.channels.delete(channelId);
  }
  async originate(options: Parameters<AriPort['originate']>[0]) {
    this.#request('originate', [options.channelId, options]);
    this.channels.add(options.channelId);
  }
  async play(channelId: string, media: string[], playbackId: string) {
    this.#request('play', [channelId, media, playbackId]);
    this.#channel(channelId);
  }
  async stopPlayback(playbackId: string) {
    this.#request('stopPlayback', [playbackId]);
  }
  async startMoh(channelId: string) {
    this.#request('startMoh', [channelId]);
    this.#channel(channelId);
  }
  async stopMoh(channelId: string) {
    this.#request('stopMoh', [channelId]);
  }
  async mute(channelId: string, direction?: 'in' | 'out' | 'both') {
    this.#request('mute', [channelId, direction]);
  }
  async unmute(channelId: string, direction?: 'in' | 'out' | 'both') {
    this.#request('unmute', [channelId, direction]);
  }
  async createBridge(bridgeId: string) {
    this.#request('createBridge', [bridgeId]);
    this.bridges.add(bridgeId);
  }
  async addToBridge(bridgeId: string, channelId: string) {
    this.#request('addToBridge', [bridgeId, channelId]);
    if (!this.bridges.has(bridgeId)) throw new Error('Bridge not found');
    this.#channel(channelId);
  }
  async removeFromBridge(bridgeId: string, channelId: string) {
    this.#request('removeFromBridge', [bridgeId, channelId]);
    if (!this.bridges.has(bridgeId)) throw new Error('Bridge not found');
    this.#channel(channelId);
  }
  async destroyBridge(bridgeId: string) {
    this.#request('destroyBridge', [bridgeId]);
    if (!this.bridges.delete(bridgeId)) throw new Error('Bridge not found');
  }
  async record(options: Parameters<AriPort['record']>[0]) {
    this.#request('record', [options.channelId, options]);
  }
  // MixMonitor is AMI's, not ARI's; the fake answers for both, so one log shows every request in order.
  async mixMonitor(channelId: string, name: string) {
    this.#request('mixMonitor', [channelId, name]);
    this.#channel(channelId);
  }
  async muteMixMonitor(channelId: string, muted: boolean) {
    this.#request('muteMixMonitor', [channelId, muted]);
    this.#channel(channelId);
  }
  async stopMixMonitor(channelId: string) {
    this.#request('stopMixMonitor', [channelId]);
    this.#channel(channelId);
  }
  /** A snoop channel on `channelId`, which must exist; the snoop is then a channel of its own. */
  async snoop(channelId: string, snoopId: string, spy: string, whisper: string) {
    this.#request('snoop', [channelId, snoopId, spy, whisper]);
    this.#channel(channelId);
    this.channels.add(snoopId);
  }
}
