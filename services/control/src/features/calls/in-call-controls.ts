import type { AriPort } from './ari-port.js';
import type { CallChange } from '@hotline/contracts';
import type { LiveCall } from './live-calls.js';

export type ControlResult = 'ok' | 'no-call' | 'unchanged';

/**
 * What an agent does to a connected call from the desktop, whatever phone they use: hold (the
 * caller hears music and is not heard), mute (the caller stops hearing the agent), hang up.
 */
export class InCallControls {
  constructor(
    private readonly ari: AriPort,
    private readonly now: () => number,
    private readonly changed: (call: LiveCall, change: CallChange) => void,
  ) {}

  async setHeld(call: LiveCall, held: boolean): Promise<ControlResult> {
    if (call.state !== 'talking') return 'no-call';
    if (held === (call.hold.since !== null)) return 'unchanged';
    if (held) {
      await this.ari.mute(call.callerChannelId, 'in');
      await this.ari.startMoh(call.callerChannelId);
      call.hold.since = this.now();
    } else {
      await this.ari.stopMoh(call.callerChannelId).catch(() => undefined);
      await this.ari.unmute(call.callerChannelId, 'in');
      this.closeHold(call, this.now());
    }
    call.log.info({ held }, held ? 'caller put on hold' : 'caller taken off hold');
    this.changed(call, 'hold');
    return 'ok';
  }

  async setMuted(call: LiveCall, muted: boolean): Promise<ControlResult> {
    if (call.state !== 'talking' || !call.agentChannelId) return 'no-call';
    if (muted === call.muted) return 'unchanged';
    await (muted ? this.ari.mute(call.agentChannelId, 'in') : this.ari.unmute(call.agentChannelId, 'in'));
    call.muted = muted;
    this.changed(call, 'mute');
    return 'ok';
  }

  /** Releases the agent's leg: the call then ends as hung up by the agent (survey, wrap-up). */
  async hangUp(call: LiveCall): Promise<ControlResult> {
    if (call.state !== 'talking' || !call.agentChannelId) return 'no-call';
    await this.ari.hangup(call.agentChannelId);
    return 'ok';
  }

  /** Ends a running hold span; returns the call's total hold time (ms). */
  closeHold(call: LiveCall, now: number): number {
    if (call.hold.since !== null) {
      call.hold.totalMs += now - call.hold.since;
      call.hold.since = null;
    }
    return call.hold.totalMs;
  }
}
