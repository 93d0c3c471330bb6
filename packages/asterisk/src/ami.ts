import { EventEmitter } from 'node:events';
import AsteriskManager from 'asterisk-manager';
import type { AdapterLogger } from './logger.js';
import { backoffDelay } from './backoff.js';
import type { LinkState, LinkStatus } from './status.js';

export interface AmiSettings {
  host: string;
  port: number;
  username: string;
  secret: string;
}

/** An AMI event as asterisk-manager parses it: lower-cased keys, string values. */
export interface SipContact {
  endpoint: string;
  /** Reachable, Unreachable, NonQualified, … */
  status: string;
  uri: string;
}

export interface AmiChannel {
  channel: string;
  callerNumber: string;
  application: string;
  applicationData: string;
  /** The bridge the channel is in, '' when none. */
  bridgeId: string;
  /** Seconds since the channel was created. */
  durationSecs: number;
}

export type AmiEvent = { event: string } & Record<string, string | string[] | Record<string, string>>;

/** The manager class (manager.conf's read=) each event kind listened to with onEvent belongs to. */
const EVENT_CLASS = { Cdr: 'cdr', UserEvent: 'user' } as const;

interface AmiEvents {
  event: [AmiEvent];
  status: [LinkState];
}

/**
 * AMI connection that logs in, reconnects with backoff when Asterisk goes away, and reports its
 * status for health checks. Listen to 'event' for every manager event.
 */
export class AmiAdapter extends EventEmitter<AmiEvents> {
  #manager: AsteriskManager.Manager | undefined;
  #state: LinkState = { status: 'connecting', since: Date.now(), connects: 0 };
  #attempt = 0;
  #timer: NodeJS.Timeout | undefined;
  #actionSeq = 0;
  /** Event kinds asked for with onEvent: once there is one, the session gets only their classes. */
  readonly #kinds = new Set<keyof typeof EVENT_CLASS>();

  constructor(
    private readonly settings: AmiSettings,
    private readonly log: AdapterLogger,
  ) {
    super();
  }

  get state(): LinkState {
    return this.#state;
  }

  start(): void {
    // Port 0 keeps asterisk-manager from connecting on its own; this class owns the lifecycle.
    const manager = new AsteriskManager(0, this.settings.host, this.settings.username, this.settings.secret, true);
    this.#manager = manager;
    manager.on('managerevent', (event: AmiEvent) => this.emit('event', event));
    manager.on('close', () => this.#lost('connection closed'));
    manager.on('error', (error: Error) => this.log.debug({ err: error }, 'AMI socket error'));
    this.#connect();
  }

  async stop(): Promise<void> {
    clearTimeout(this.#timer);
    this.#set('stopped');
    this.#manager?.disconnect();
    this.#manager = undefined;
  }

  /**
   * Listens to one kind of event, and asks Asterisk for its class only: the first kind asked for
   * narrows this session's event mask (the Events action) to the classes of the kinds asked for,
   * so the thousands of call, dialplan and bridge events of a busy system are neither written to
   * this connection nor parsed here. An adapter nobody calls this on (the load runner's) gets
   * every event, on 'event'.
   */
  onEvent(kind: keyof typeof EVENT_CLASS, listener: (event: AmiEvent) => void): void {
    this.#kinds.add(kind);
    this.on('event', (event) => {
      if (event.event === kind) listener(event);
    });
    if (this.#state.status === 'up') this.#narrow();
  }

  /** Every registered contact of every PJSIP endpoint, with its qualify status. */
  async contacts(): Promise<SipContact[]> {
    const events = await this.#list({ action: 'PJSIPShowContacts' }, 'ContactListComplete');
    return events.map((e) => ({ endpoint: String(e.endpoint ?? ''), status: String(e.status ?? ''), uri: String(e.uri ?? '') }));
  }

  /** Every channel Asterisk has now, with what it is running (CoreShowChannels). */
  async channels(): Promise<AmiChannel[]> {
    const events = await this.#list({ action: 'CoreShowChannels' }, 'CoreShowChannelsComplete');
    return events.map((e) => ({
      channel: String(e.channel ?? ''),
      callerNumber: String(e.calleridnum ?? ''),
      application: String(e.application ?? ''),
      applicationData: String(e.applicationdata ?? ''),
      bridgeId: String(e.bridgeid ?? ''),
      durationSecs: durationSecs(String(e.duration ?? '')),
    }));
  }

  /** Drops one object from a sorcery memory cache (asterisk-conf/sorcery.conf), so a change in the database is live at once. */
  async expireCachedObject(cache: string, object: string): Promise<void> {
    await this.#action({ action: 'SorceryMemoryCacheExpireObject', cache, object });
  }

  /**
   * Records a channel, both directions mixed, into a WAV file under Asterisk's monitor spool
   * (`name` without extension, e.g. calls/<id>): what app_queue records with, and far cheaper for
   * Asterisk than a recorder channel in the bridge, which makes a two-party bridge mix.
   */
  async mixMonitor(channel: string, name: string): Promise<void> {
    await this.#action({ action: 'MixMonitor', channel, file: `${name}.wav` });
  }

  /** Silences both directions of a channel's MixMonitor recording, or lets them through again. */
  async muteMixMonitor(channel: string, muted: boolean): Promise<void> {
    await this.#action({ action: 'MixMonitorMute', channel, direction: 'both', state: muted ? '1' : '0' });
  }

  /** Ends a channel's MixMonitor recording; Asterisk answers once the file is closed. */
  async stopMixMonitor(channel: string): Promise<void> {
    await this.#action({ action: 'StopMixMonitor', channel });
  }

  async hangup(channel: string): Promise<void> {
    await this.#action({ action: 'Hangup', channel });
  }

  /** A CLI command, for tools that drive a whole instance (the load runner). */
  async command(cli: string): Promise<void> {
    await this.#action({ action: 'Command', command: cli });
  }

  /** app_queue: adds a member (the load runner's baseline only; Hotline routes itself). */
  async queueAdd(queue: string, member: string, name: string): Promise<void> {
    await this.#action({ action: 'QueueAdd', queue, interface: member, membername: name });
  }

  /** Sends an action and resolves with Asterisk's response (rejects on an error response). */
  #action(action: Record<string, string>): Promise<Record<string, string>> {
    const manager = this.#manager;
    if (!manager || this.#state.status !== 'up') return Promise.reject(new Error('AMI is not connected'));
    return new Promise((resolve, reject) => {
      manager.action(action, (error: unknown, response: Record<string, string>) => {
        if (error) reject(new Error(`AMI ${action.action}: ${JSON.stringify(error)}`));
        else resolve(response);
      });
    });
  }

  /**
   * Sends an action whose answer is a list of events (e.g. PJSIPShowContacts) and resolves with
   * those events once `completeEvent` arrives.
   */
  async #list(action: Record<string, string>, completeEvent: string, timeoutMs = 5_000): Promise<AmiEvent[]> {
    const actionid = `hotline-${++this.#actionSeq}`;
    const events: AmiEvent[] = [];
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => finish(new Error(`AMI ${action.action}: no ${completeEvent} within ${timeoutMs} ms`)), timeoutMs);
      const onEvent = (event: AmiEvent) => {
        if (event.actionid !== actionid) return;
        if (event.event === completeEvent) finish();
        else events.push(event);
      };
      const finish = (error?: Error) => {
        clearTimeout(timer);
        this.off('event', onEvent);
        if (error) reject(error);
        else resolve(events);
      };
      this.on('event', onEvent);
      this.#action({ ...action, actionid }).catch(finish);
    });
  }

  #connect(): void {
    const manager = this.#manager;
    if (!manager) return;
    this.#set('connecting');
    manager.connect(this.settings.port, this.settings.host, () => {
      manager.login((error: unknown) => {
        if (error) {
          this.#lost(`login refused: ${JSON.stringify(error)}`);
          manager.disconnect();
          return;
        }
        this.#attempt = 0;
        this.#state = { status: 'up', since: Date.now(), connects: this.#state.connects + 1 };
        this.log.info({ connects: this.#state.connects }, 'AMI connected');
        this.#narrow();
        this.emit('status', this.#state);
      });
    });
  }

  /** Narrows the session's events to the classes of the kinds listened to (lasts as long as the login). */
  #narrow(): void {
    if (this.#kinds.size === 0) return;
    const eventmask = [...new Set([...this.#kinds].map((kind) => EVENT_CLASS[kind]))].join(',');
    this.#action({ action: 'Events', eventmask }).catch((error: Error) => this.log.warn({ err: error.message, eventmask }, 'could not narrow the AMI events'));
  }

  #lost(reason: string): void {
    if (this.#state.status === 'stopped') return;
    if (this.#state.status === 'up') this.log.warn({ reason }, 'AMI connection lost');
    this.#set('down', reason);
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#connect(), backoffDelay(this.#attempt++));
  }

  #set(status: LinkStatus, lastError?: string): void {
    if (this.#state.status === status && status !== 'down') return;
    this.#state = { status, since: Date.now(), connects: this.#state.connects, ...(lastError ? { lastError } : {}) };
    this.emit('status', this.#state);
  }
}

/** CoreShowChannel's Duration, HH:MM:SS. */
function durationSecs(text: string): number {
  return text.split(':').reduce((total, part) => total * 60 + (Number(part) || 0), 0);
}
