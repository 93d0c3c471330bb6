import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import { tryHangup, type StasisStartEvent } from '@hotline/asterisk';
import type { CallEvent, IvrExit, IvrNode, IvrStep, Queue, StoredIvrMenu } from '@hotline/contracts';
import type { JobBus } from '../../plugins/job-bus.js';
import type { Speech } from '../ivr/speech.js';
import type { AriPort } from './ari-port.js';
import { playbackId, promptsFor } from './media.js';

/** How long a self-service lookup may take before the caller hears the fallback. */
const LOOKUP_TIMEOUT_MS = 3_000;

export interface IvrHost {
  ari: Pick<AriPort, 'answer' | 'setLanguage' | 'play' | 'stopPlayback' | 'hangup'>;
  events: Pick<JobBus, 'publish'>;
  speech: Speech;
  log: FastifyBaseLogger;
  now: () => number;
  queueById(id: string): Queue | undefined;
  /** The caller leaves the menu for a queue: a new call there, under this call id. */
  toQueue(channelId: string, queue: Queue, customerNumber: string, callId: string): Promise<void>;
  /** The self-service answer for a caller's number: its text, or undefined (failed, or too slow). */
  lookup(url: string, customerNumber: string, timeoutMs: number): Promise<string | undefined>;
}

interface Session {
  callId: string;
  channelId: string;
  customerNumber: string;
  menu: StoredIvrMenu;
  node: string;
  path: IvrStep[];
  /** Re-prompts at the current menu node so far. */
  retries: number;
  /** Prompts played so far: numbers the playbacks. */
  prompts: number;
  /**
   * The playback whose end moves the caller on; null while they are being moved (a key pressed, a
   * node entered), so the end of a prompt that was cut short, arriving late, moves nothing.
   */
  awaiting: string | null;
  timer: NodeJS.Timeout | undefined;
  log: FastifyBaseLogger;
}

/**
 * Callers of an IVR menu's number: each node is played in the menu's language; a key leads on, a
 * wrong key or silence re-prompts ("sorry, that key is not valid") and, past the node's retries,
 * takes its default. A caller leaves into a queue (the path travels with the call), is said
 * goodbye after an announcement or a self-service answer, or hangs up; the path is stored either way.
 */
export class IvrFlow {
  readonly #byChannel = new Map<string, Session>();
  readonly #byCall = new Map<string, Session>();

  constructor(private readonly host: IvrHost) {}

  async enter(event: StasisStartEvent, menu: StoredIvrMenu): Promise<void> {
    const { host } = this;
    const callId = randomUUID();
    const session: Session = {
      callId, channelId: event.channelId, customerNumber: event.callerNumber || 'anonymous', menu, node: menu.root, path: [], retries: 0, prompts: 0, awaiting: null, timer: undefined,
      log: host.log.child({ callId, channelId: event.channelId, menuId: menu.id }),
    };
    this.#byChannel.set(session.channelId, session);
    this.#byCall.set(callId, session);
    session.log.info({ customerNumber: session.customerNumber }, 'caller entered the menu');
    await host.ari.answer(session.channelId);
    if (menu.language !== 'en') await host.ari.setLanguage(session.channelId, menu.language);
    await this.#goto(session, menu.root);
  }

  /** A key from a caller in a menu: on to the node it leads to, or a re-prompt. */
  async onDtmf(channelId: string, digit: string): Promise<void> {
    const session = this.#byChannel.get(channelId);
    const node = session && this.#node(session);
    if (!session || node?.kind !== 'menu') return;
    clearTimeout(session.timer);
    const cut = session.awaiting;
    session.awaiting = null;
    if (cut) await this.host.ari.stopPlayback(cut).catch(() => undefined);
    const target = node.options[digit];
    if (target) return this.#leaveNode(session, target, digit);
    session.log.info({ digit, node: session.node }, 'key not valid in the menu');
    await this.#retryOr(session, node, 'invalid');
  }

  /** A prompt finished: a menu waits for a key; an announcement or an answer goes on. */
  async onPlaybackFinished(id: string): Promise<void> {
    const session = this.#byCall.get(id.split('.')[0] ?? '');
    if (!session || id !== session.awaiting) return;
    session.awaiting = null;
    const node = this.#node(session);
    if (node.kind === 'menu') {
      session.timer = setTimeout(() => void this.#retryOr(session, node, 'timeout').catch((error: Error) => session.log.warn({ err: error.message }, 'menu timeout failed')), node.timeoutSecs * 1000);
      session.timer.unref();
    } else if (node.kind === 'announcement' || node.kind === 'lookup') {
      await (node.next ? this.#leaveNode(session, node.next) : this.#leave(session, 'completed'));
    }
  }

  /** The caller hung up in the menu. */
  async onChannelGone(channelId: string): Promise<void> {
    const session = this.#byChannel.get(channelId);
    if (session) await this.#leave(session, 'hung-up');
  }

  /** Whether the channel is a caller in a menu now (held by no call yet). */
  has(channelId: string): boolean {
    return this.#byChannel.has(channelId);
  }

  stop(): void {
    for (const session of this.#byChannel.values()) clearTimeout(session.timer);
  }

  #node(session: Session): IvrNode {
    return session.menu.nodes[session.node]!;
  }

  /** The caller leaves the current node by `key` (or by the default, after `key` went wrong). */
  async #leaveNode(session: Session, target: string, key?: string): Promise<void> {
    const step = session.path.at(-1);
    if (step && key !== undefined) step.key = key;
    await this.#goto(session, target);
  }

  async #retryOr(session: Session, node: Extract<IvrNode, { kind: 'menu' }>, why: 'invalid' | 'timeout'): Promise<void> {
    if (!this.#byChannel.has(session.channelId)) return;
    session.retries += 1;
    const step = session.path.at(-1);
    if (step) step.retries = session.retries;
    if (session.retries > node.retries) return this.#leaveNode(session, node.default, why);
    const prompt = await this.host.speech.render(node.prompt, session.menu.language);
    await this.#play(session, why === 'invalid' ? [promptsFor(session.menu.language).keyInvalid, prompt] : [prompt]);
  }

  async #goto(session: Session, id: string): Promise<void> {
    const { host } = this;
    const node = session.menu.nodes[id]!;
    clearTimeout(session.timer);
    session.awaiting = null;
    session.node = id;
    session.retries = 0;
    session.path.push({ node: id, at: host.now() });
    const language = session.menu.language;
    switch (node.kind) {
      case 'menu':
      case 'announcement':
        return this.#play(session, [await host.speech.render(node.prompt, language)]);
      case 'lookup': {
        const answer = await host.lookup(node.url, session.customerNumber, LOOKUP_TIMEOUT_MS);
        if (answer === undefined) session.log.warn({ node: id }, 'self-service lookup failed: the caller hears the fallback');
        return this.#play(session, [await host.speech.render(node.prompt, language), await host.speech.render(answer ?? node.fallback, language)]);
      }
      case 'queue': {
        const queue = host.queueById(node.queueId);
        await this.#leave(session, 'queue');
        if (queue) return host.toQueue(session.channelId, queue, session.customerNumber, session.callId);
        // Removed since the menu was saved: nobody can take the caller.
        session.log.error({ queueId: node.queueId }, 'menu leads to a queue that no longer exists');
        await tryHangup(host.ari, session.channelId, session.log);
      }
    }
  }

  async #play(session: Session, media: string[]): Promise<void> {
    session.prompts += 1;
    const id = playbackId(session.callId, 'ivr', session.prompts);
    session.awaiting = id;
    await this.host.ari.play(session.channelId, media, id);
  }

  /** The caller's way through the menu is stored; a caller who did not go on to a queue ends here. */
  async #leave(session: Session, exit: IvrExit): Promise<void> {
    if (!this.#byChannel.delete(session.channelId)) return;
    this.#byCall.delete(session.callId);
    clearTimeout(session.timer);
    const at = this.host.now();
    const event = (suffix: string, body: object) => ({ id: `${session.callId}.${suffix}`, callId: session.callId, at, ...body }) as CallEvent;
    const published = [event('menu', { type: 'call.menu', menuId: session.menu.id, customerNumber: session.customerNumber, path: session.path, exit })];
    if (exit !== 'queue') published.push(event('ended', { type: 'call.ended', outcome: 'ivr', hangupBy: exit === 'hung-up' ? 'caller' : 'system', holdSecs: 0 }));
    for (const e of published) this.host.events.publish(e).catch((error: Error) => session.log.error({ err: error.message, eventId: e.id }, 'could not hand a call event to the workers'));
    session.log.info({ exit, path: session.path.map((s) => s.node) }, 'caller left the menu');
    if (exit === 'completed') await tryHangup(this.host.ari, session.channelId, session.log);
  }
}
