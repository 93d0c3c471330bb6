import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { AuditRepository } from '@hotline/db';
import type { AriPort } from '../calls/ari-port.js';
import type { LiveCall } from '../calls/live-calls.js';

export type MonitorMode = 'listen' | 'whisper' | 'barge';

/**
 * How each mode is wired. listen and whisper hang a snoop channel on the agent's leg: `spy` is
 * what the supervisor hears (both parties), `whisper` where the supervisor's voice goes ('out' =
 * towards the agent's phone only, so the caller hears nothing). barge puts the supervisor's
 * phone into the call's own bridge: all three talk.
 */
export const MEDIA_PATHS = {
  listen: { spy: 'both', whisper: 'none' },
  whisper: { spy: 'both', whisper: 'out' },
  barge: { spy: 'none', whisper: 'none' },
} as const;

export interface MonitorSession {
  id: string;
  supervisor: string;
  extension: string;
  callId: string;
  agentId: string | null;
  mode: MonitorMode;
  state: 'ringing' | 'active' | 'ended';
  startedAt: number;
  supervisorChannelId: string;
  snoopChannelId: string | null;
  /** The session's own bridge (supervisor + snoop), for listen and whisper. */
  bridgeId: string;
  switches: number;
}

export interface SupervisionDeps {
  ari: Pick<AriPort, 'originate' | 'hangup' | 'createBridge' | 'addToBridge' | 'removeFromBridge' | 'destroyBridge' | 'snoop' | 'play'>;
  audit: Pick<AuditRepository, 'record'>;
  log: FastifyBaseLogger;
  call(callId: string): LiveCall | undefined;
  beepOnMonitor: boolean;
}

/**
 * Live supervision of calls: the service rings the supervisor's own phone and, once answered,
 * joins it to the right snoop channel or bridge. Modes switch without dropping the supervisor's
 * leg; every start, switch and end is written to the audit log.
 */
export class SupervisionService {
  readonly #sessions = new Map<string, MonitorSession>();

  constructor(private readonly deps: SupervisionDeps) {}

  list(): MonitorSession[] {
    return [...this.#sessions.values()].filter((s) => s.state !== 'ended');
  }

  get(id: string): MonitorSession | undefined {
    return this.#sessions.get(id);
  }

  async start(supervisor: { username: string; extension: string }, call: LiveCall, mode: MonitorMode): Promise<MonitorSession> {
    const id = randomUUID();
    const session: MonitorSession = {
      id,
      supervisor: supervisor.username,
      extension: supervisor.extension,
      callId: call.id,
      agentId: call.agentId,
      mode,
      state: 'ringing',
      startedAt: Date.now(),
      supervisorChannelId: `${id}-supervisor`,
      snoopChannelId: null,
      bridgeId: `${id}-monitor`,
      switches: 0,
    };
    this.#sessions.set(id, session);
    await this.#audit(session, 'monitor.start', { mode, agentId: call.agentId });
    await this.deps.ari.originate({
      channelId: session.supervisorChannelId,
      endpoint: `PJSIP/${supervisor.extension}`,
      appArgs: `supervisor-leg,${id}`,
      callerId: `"Monitor ${call.agentId ?? ''}" <${call.customerNumber}>`,
      timeoutSecs: 30,
    });
    return session;
  }

  /** The supervisor picked up: build the media path of the chosen mode. */
  async onSupervisorAnswered(channelId: string, id: string): Promise<void> {
    const session = this.#sessions.get(id);
    if (!session || session.state !== 'ringing') {
      await this.deps.ari.hangup(channelId).catch(() => undefined);
      return;
    }
    const call = this.deps.call(session.callId);
    if (!call || call.state !== 'talking') {
      await this.end(id, 'call ended before the supervisor answered');
      return;
    }
    await this.deps.ari.createBridge(session.bridgeId);
    // Shown as active only once the media path exists; a mode switched while it was being built
    // is applied before that.
    let connected = session.mode;
    await this.#connect(session, call, connected);
    while (session.mode !== connected && session.state === 'ringing') {
      await this.#disconnect(session, call, connected);
      connected = session.mode;
      await this.#connect(session, call, connected);
    }
    if (session.state !== 'ringing') return;
    session.state = 'active';
    if (this.deps.beepOnMonitor && call.agentChannelId) {
      await this.deps.ari.play(call.agentChannelId, ['sound:beep'], `${id}.beep`).catch(() => undefined);
    }
  }

  async setMode(id: string, mode: MonitorMode): Promise<MonitorSession | undefined> {
    const session = this.#sessions.get(id);
    const call = session && this.deps.call(session.callId);
    if (!session || session.state === 'ended' || !call) return undefined;
    const from = session.mode;
    if (from === mode) return session;
    session.mode = mode;
    if (session.state === 'active') {
      await this.#disconnect(session, call, from);
      await this.#connect(session, call, mode);
    }
    await this.#audit(session, 'monitor.mode', { from, to: mode });
    return session;
  }

  async end(id: string, reason: string): Promise<MonitorSession | undefined> {
    const session = this.#sessions.get(id);
    if (!session || session.state === 'ended') return session;
    session.state = 'ended';
    await this.#audit(session, 'monitor.end', { reason, secs: (Date.now() - session.startedAt) / 1000 });
    for (const channel of [session.snoopChannelId, session.supervisorChannelId]) {
      if (channel) await this.deps.ari.hangup(channel).catch(() => undefined);
    }
    await this.deps.ari.destroyBridge(session.bridgeId).catch(() => undefined);
    this.deps.log.info({ sessionId: id, reason }, 'monitoring ended');
    return session;
  }

  /** The supervisor hung up, or the snoop went away with the agent's leg. */
  async onChannelGone(channelId: string): Promise<void> {
    for (const session of this.list()) {
      if (channelId === session.supervisorChannelId) await this.end(session.id, 'supervisor hung up');
      else if (channelId === session.snoopChannelId) session.snoopChannelId = null;
    }
  }

  async onCallEnded(call: LiveCall): Promise<void> {
    for (const session of this.list()) if (session.callId === call.id) await this.end(session.id, 'call ended');
  }

  async #connect(session: MonitorSession, call: LiveCall, mode: MonitorMode): Promise<void> {
    if (mode === 'barge') {
      await this.deps.ari.addToBridge(call.bridgeId ?? call.id, session.supervisorChannelId);
      return;
    }
    if (!call.agentChannelId) throw new Error('the call has no agent leg to monitor');
    session.switches += 1;
    const snoopId = `${session.id}-snoop-${session.switches}`;
    const { spy, whisper } = MEDIA_PATHS[mode];
    await this.deps.ari.snoop(call.agentChannelId, snoopId, spy, whisper, `snoop,${session.id}`);
    session.snoopChannelId = snoopId;
    await this.deps.ari.addToBridge(session.bridgeId, snoopId);
    await this.deps.ari.addToBridge(session.bridgeId, session.supervisorChannelId);
  }

  async #disconnect(session: MonitorSession, call: LiveCall, from: MonitorMode): Promise<void> {
    // The supervisor's leg stays up throughout; only the path it is joined to changes.
    if (from === 'barge') await this.deps.ari.removeFromBridge(call.bridgeId ?? call.id, session.supervisorChannelId).catch(() => undefined);
    else await this.deps.ari.removeFromBridge(session.bridgeId, session.supervisorChannelId).catch(() => undefined);
    if (session.snoopChannelId) {
      await this.deps.ari.hangup(session.snoopChannelId).catch(() => undefined);
      session.snoopChannelId = null;
    }
  }

  #audit(session: MonitorSession, action: string, data: Record<string, unknown>): Promise<void> {
    return this.deps.audit.record({ actor: session.supervisor, action, subject: session.callId, data: { sessionId: session.id, ...data } });
  }
}
