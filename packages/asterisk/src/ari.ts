import { EventEmitter } from 'node:events';
import ari from 'ari-client';
import type { AdapterLogger } from './logger.js';
import { backoffDelay } from './backoff.js';
import { RequestLatency } from './request-latency.js';
import type { AriEvents, ChannelSummary, OriginateRequest, RecordRequest } from './ari-events.js';
import type { LinkState, LinkStatus } from './status.js';

export interface AriSettings {
  url: string;
  username: string;
  password: string;
  app: string;
}

/** Raised when a call-control request is made while ARI is not connected (routes answer 503). */
export class AriUnavailableError extends Error {
  constructor() {
    super('ARI is not connected');
  }
}

/** How long a request may wait for Asterisk's answer. */
const REQUEST_TIMEOUT_MS = 10_000;

/** Asterisk did not answer a request in time; what it asked for may or may not have been done. */
export class AriTimeoutError extends Error {
  constructor() {
    super(`Asterisk did not answer the request within ${REQUEST_TIMEOUT_MS / 1000} s`);
  }
}

/**
 * Asterisk answered that the channel, bridge or playback no longer exists: the caller hung up (or
 * a prompt ended) while a request was on its way. An expected race on a live phone system, not a fault.
 */
export function isGoneError(error: unknown): boolean {
  return error instanceof Error && /\b(Channel|Bridge|Playback|Recording) not found\b/i.test(error.message);
}

/**
 * ARI connection: connects and subscribes the Stasis app, reconnects with backoff when Asterisk
 * goes away (which registers the app again), reports a status for health checks, and offers the
 * call-control operations the service uses, addressed by id.
 */
export class AriAdapter extends EventEmitter<AriEvents> {
  #client: ari.Client | undefined;
  #state: LinkState = { status: 'connecting', since: Date.now(), connects: 0 };
  #attempt = 0;
  #timer: NodeJS.Timeout | undefined;
  readonly #latency = new RequestLatency();

  constructor(
    private readonly settings: AriSettings,
    private readonly log: AdapterLogger,
  ) {
    super();
  }

  get state(): LinkState {
    return this.#state;
  }

  /** Connects, and keeps reconnecting; a stopped adapter may be started again. */
  start(): void {
    if (this.#state.status === 'stopped') this.#set('connecting');
    void this.#connect();
  }

  async stop(): Promise<void> {
    clearTimeout(this.#timer);
    this.#set('stopped');
    const client = this.#client;
    this.#client = undefined;
    if (client) client.stop();
  }

  async answer(channelId: string): Promise<void> {
    await this.#timed(this.#api().channels.answer({ channelId }));
  }

  async hangup(channelId: string, reason = 'normal'): Promise<void> {
    await this.#timed(this.#api().channels.hangup({ channelId, reason }));
  }

  /** Hands the channel from the Stasis app to the dialplan (a context the trunks cannot reach). */
  async continueInDialplan(channelId: string, context: string): Promise<void> {
    await this.#timed(this.#api().channels.continueInDialplan({ channelId, context, extension: 's', priority: 1 }));
  }

  /** The channel's language: which sounds Asterisk picks for it, and what the dialplan reads as ${CHANNEL(language)}. */
  async setLanguage(channelId: string, language: string): Promise<void> {
    await this.#timed(this.#api().channels.setChannelVar({ channelId, variable: 'CHANNEL(language)', value: language }));
  }

  async ring(channelId: string): Promise<void> {
    await this.#timed(this.#api().channels.ring({ channelId }));
  }

  async play(channelId: string, media: string[], playbackId: string): Promise<void> {
    await this.#timed(this.#api().channels.play({ channelId, media, playbackId }));
  }

  async stopPlayback(playbackId: string): Promise<void> {
    await this.#timed(this.#api().playbacks.stop({ playbackId }));
  }

  async startMoh(channelId: string, mohClass = 'default'): Promise<void> {
    await this.#timed(this.#api().channels.startMoh({ channelId, mohClass }));
  }

  async stopMoh(channelId: string): Promise<void> {
    await this.#timed(this.#api().channels.stopMoh({ channelId }));
  }

  /** 'in' stops what the channel says reaching anyone else (mute, or the caller on hold). */
  async mute(channelId: string, direction: 'in' | 'out' | 'both'): Promise<void> {
    await this.#timed(this.#api().channels.mute({ channelId, direction }));
  }

  async unmute(channelId: string, direction: 'in' | 'out' | 'both'): Promise<void> {
    await this.#timed(this.#api().channels.unmute({ channelId, direction }));
  }

  async createBridge(bridgeId: string): Promise<void> {
    await this.#timed(this.#api().bridges.create({ bridgeId, type: 'mixing' }));
  }

  async addToBridge(bridgeId: string, channelId: string): Promise<void> {
    await this.#timed(this.#api().bridges.addChannel({ bridgeId, channel: channelId }));
  }

  async destroyBridge(bridgeId: string): Promise<void> {
    await this.#timed(this.#api().bridges.destroy({ bridgeId }));
  }

  async originate(request: OriginateRequest): Promise<void> {
    await this.#timed(this.#api().channels.originate({
      channelId: request.channelId,
      endpoint: request.endpoint,
      app: this.settings.app,
      appArgs: request.appArgs,
      callerId: request.callerId,
      timeout: request.timeoutSecs,
      variables: request.variables ?? {},
      ...(request.originator ? { originator: request.originator } : {}),
    }));
  }

  async record(request: RecordRequest): Promise<void> {
    await this.#timed(this.#api().channels.record({
      channelId: request.channelId,
      name: request.name,
      format: request.format,
      maxDurationSeconds: request.maxDurationSecs,
      maxSilenceSeconds: request.maxSilenceSecs,
      beep: request.beep,
      terminateOn: request.terminateOn,
      ifExists: 'overwrite',
    }));
  }

  /**
   * A snoop channel on `channelId`: `spy` is the audio the supervisor hears, `whisper` where the
   * supervisor's voice goes ('out' = to the channel's own party only).
   */
  async snoop(channelId: string, snoopId: string, spy: 'none' | 'both' | 'out' | 'in', whisper: 'none' | 'both' | 'out' | 'in', appArgs: string): Promise<void> {
    await this.#timed(this.#api().channels.snoopChannelWithId({ channelId, snoopId, app: this.settings.app, appArgs, spy, whisper }));
  }

  async removeFromBridge(bridgeId: string, channelId: string): Promise<void> {
    await this.#timed(this.#api().bridges.removeChannel({ bridgeId, channel: channelId }));
  }

  /** Channel ids in a bridge, as ARI sees it (tests and supervision check membership this way). */
  async bridgeChannels(bridgeId: string): Promise<string[]> {
    const { channels } = await this.#timed(this.#api().bridges.get({ bridgeId }));
    return typeof channels === 'string' ? [channels] : channels;
  }

  async listChannels(): Promise<ChannelSummary[]> {
    const channels = await this.#timed(this.#api().channels.list());
    return channels.map((c) => {
      // Where the channel is now: in Stasis, app_data is "<app>,<arg>,<arg>…".
      const { app_name: appName, app_data: appData } = c.dialplan as unknown as { app_name?: string; app_data?: string };
      const [app, ...args] = (appData ?? '').split(',');
      return {
        id: c.id,
        name: c.name,
        state: c.state,
        callerNumber: c.caller.number,
        dialedExten: c.dialplan.exten,
        stasisArgs: appName === 'Stasis' && app === this.settings.app ? args : null,
      };
    });
  }

  async listBridgeIds(): Promise<string[]> {
    return (await this.#timed(this.#api().bridges.list())).map((b) => b.id);
  }

  /** Sets a dialplan global variable (read by the dialplan as ${name}). */
  async setGlobal(variable: string, value: string): Promise<void> {
    await this.#timed(this.#api().asterisk.setGlobalVar({ variable, value }));
  }

  /** 'online' when the endpoint has a registered contact, as ARI reports it. */
  async endpointState(tech: string, resource: string): Promise<string> {
    try {
      return (await this.#api().endpoints.get({ tech, resource })).state ?? 'unknown';
    } catch {
      return 'unknown';
    }
  }

  /** How long Asterisk takes to answer requests now: the call flow sheds new callers when it is behind. */
  get requestLatencyMs(): number {
    return this.#latency.ms;
  }

  /**
   * Every request is timed, and given up after REQUEST_TIMEOUT_MS: a request on a socket Asterisk
   * dropped can wait for ever, and the call waiting on it with it.
   */
  #timed<T>(request: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new AriTimeoutError()), REQUEST_TIMEOUT_MS);
    });
    return this.#latency.time(Promise.race([request, timeout]).finally(() => clearTimeout(timer)));
  }

  #api(): ari.Client {
    if (!this.#client || this.#state.status !== 'up') throw new AriUnavailableError();
    return this.#client;
  }

  async #connect(): Promise<void> {
    if (this.#state.status === 'stopped') return;
    this.#set('connecting');
    try {
      const client = await ari.connect(this.settings.url, this.settings.username, this.settings.password);
      if (this.#stopped()) {
        client.stop();
        return;
      }
      this.#wire(client);
      this.#client = client;
      await client.start(this.settings.app);
      await this.#filterEvents(client);
    } catch (error) {
      this.#client = undefined;
      this.#retry(error instanceof Error ? error.message : String(error));
    }
  }

  /**
   * Asterisk sends the app only the events the service handles (those #wire listens to, read back
   * from the client so the two cannot drift apart), not every varset, bridge and dial event of
   * every channel; each registration of the app sets it again.
   */
  async #filterEvents(client: ari.Client): Promise<void> {
    const handled = (client as unknown as EventEmitter).eventNames().filter((name): name is string => typeof name === 'string' && !name.startsWith('WebSocket'));
    const filterable = client.applications as unknown as { filter(params: { applicationName: string; filter: { allowed: { type: string }[] } }): Promise<unknown> };
    await filterable
      .filter({ applicationName: this.settings.app, filter: { allowed: handled.map((type) => ({ type })) } })
      .catch((error: Error) => this.log.warn({ err: error.message }, 'ARI event filter not set; every event is delivered'));
  }

  #retry(reason: string): void {
    if (this.#state.status === 'stopped') return;
    this.#set('down', reason);
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#connect(), backoffDelay(this.#attempt++));
  }

  #wire(client: ari.Client): void {
    client.on('WebSocketConnected', () => {
      this.#attempt = 0;
      this.#state = { status: 'up', since: Date.now(), connects: this.#state.connects + 1 };
      this.#latency.newLink();
      this.log.info({ connects: this.#state.connects }, 'ARI connected');
      this.emit('status', this.#state);
      this.emit('connected', { connects: this.#state.connects });
    });
    client.on('WebSocketReconnecting', (error: Error) => {
      if (this.#state.status === 'up') this.log.warn({ err: error?.message }, 'ARI connection lost, reconnecting');
      this.#set('down', error?.message ?? 'websocket closed');
    });
    client.on('WebSocketMaxRetries', () => {
      // ari-client gave up on its own retries: start over with a fresh client.
      if (this.#client === client) this.#client = undefined;
      this.#retry('websocket retries exhausted');
    });
    client.on('StasisStart', (event) => {
      this.emit('stasisStart', {
        channelId: event.channel.id,
        channelName: event.channel.name,
        callerNumber: event.channel.caller.number,
        callerName: event.channel.caller.name,
        dialedExten: event.channel.dialplan.exten,
        args: typeof event.args === 'string' ? [event.args] : event.args,
        state: event.channel.state,
      });
    });
    client.on('StasisEnd', (event) => this.emit('stasisEnd', { channelId: event.channel.id }));
    client.on('ChannelDestroyed', (event) =>
      this.emit('channelDestroyed', { channelId: event.channel.id, cause: event.cause, causeText: event.cause_txt }),
    );
    client.on('ChannelStateChange', (event) =>
      this.emit('channelStateChange', { channelId: event.channel.id, state: event.channel.state }),
    );
    client.on('ChannelDtmfReceived', (event) => this.emit('channelDtmf', { channelId: event.channel.id, digit: event.digit }));
    client.on('PlaybackStarted', (event) =>
      this.emit('playbackStarted', { playbackId: event.playback.id, targetUri: event.playback.target_uri, mediaUri: event.playback.media_uri }),
    );
    client.on('RecordingFinished', (event) =>
      this.emit('recordingFinished', { name: event.recording.name, targetUri: event.recording.target_uri, durationSecs: event.recording.duration }),
    );
    client.on('PlaybackFinished', (event) =>
      this.emit('playbackFinished', { playbackId: event.playback.id, targetUri: event.playback.target_uri, mediaUri: event.playback.media_uri }),
    );
  }

  /** A method rather than an inline check: the status may change while a connect is awaited. */
  #stopped(): boolean {
    return this.#state.status === 'stopped';
  }

  #set(status: LinkStatus, lastError?: string): void {
    this.#state = { status, since: Date.now(), connects: this.#state.connects, ...(lastError ? { lastError } : {}) };
    this.emit('status', this.#state);
  }
}
