import type { LiveDelta, LiveMessage, LiveSnapshot } from '@hotline/contracts';
import type { Principal } from '../auth/token.js';
import type { Scope } from './scope.js';

/** The part of a websocket the hub uses (ws.WebSocket has it). */
export interface StreamSocket {
  readonly readyState: number;
  readonly bufferedAmount: number;
  send(data: string): void;
  close(code: number, reason: string): void;
}

export interface HubLimits {
  /** Above this many unsent bytes queue figures are held back and only the latest kept. */
  softBufferBytes: number;
  /** Above this the client is disconnected: it reconnects and starts from a fresh snapshot. */
  hardBufferBytes: number;
  /** How often held-back figures are retried. */
  retryMs: number;
}

export const DEFAULT_LIMITS: HubLimits = { softBufferBytes: 64 * 1024, hardBufferBytes: 1024 * 1024, retryMs: 250 };
const OPEN = 1;
/** Close code for a client that cannot keep up (RFC 6455 "try again later"). */
export const TOO_SLOW = 1013;

interface Client {
  socket: StreamSocket;
  principal: Principal;
  scope: Scope;
  /** Calls this client has been shown, so it is told when one leaves its scope. */
  knownCalls: Set<string>;
  /** Held-back queue figures by queue id: only the latest of each is worth sending. */
  heldQueues: Map<string, LiveDelta>;
  retry: NodeJS.Timeout | undefined;
}

/**
 * Fans live events out to websocket clients, each through its role's scope. A slow client never
 * slows the service: sending never waits, queue figures coalesce while its buffer is full, and past
 * the hard limit it is disconnected.
 */
export class StreamHub {
  readonly #clients = new Set<Client>();
  #disconnectedSlow = 0;

  constructor(private readonly limits: HubLimits = DEFAULT_LIMITS) {}

  get size(): number {
    return this.#clients.size;
  }

  /** Clients disconnected for being too slow since start. */
  get disconnectedSlow(): number {
    return this.#disconnectedSlow;
  }

  /** Adds an authenticated client and sends it the snapshot built for its scope. */
  add(socket: StreamSocket, principal: Principal, scope: Scope, snapshot: (scope: Scope) => LiveSnapshot): () => void {
    const client: Client = { socket, principal, scope, knownCalls: new Set(), heldQueues: new Map(), retry: undefined };
    this.#clients.add(client);
    const first = snapshot(scope);
    for (const call of first.calls) client.knownCalls.add(call.id);
    this.#send(client, first);
    return () => this.#remove(client);
  }

  publish(delta: LiveDelta): void {
    // Serialised once, on first use, however many clients receive it.
    let text: string | undefined;
    const serialized = () => (text ??= JSON.stringify(delta));
    for (const client of this.#clients) this.#deliver(client, delta, serialized);
  }

  close(): void {
    for (const client of this.#clients) {
      client.socket.close(1001, 'service stopping');
      this.#remove(client);
    }
  }

  #deliver(client: Client, delta: LiveDelta, serialized: () => string): void {
    const { scope } = client;
    switch (delta.type) {
      case 'agent':
        if (scope.agent(delta.agent)) this.#send(client, delta, undefined, serialized);
        return;
      case 'call':
        if (scope.call(delta.call)) {
          client.knownCalls.add(delta.call.id);
          this.#send(client, delta, undefined, serialized);
          if (delta.change === 'ended') client.knownCalls.delete(delta.call.id);
        } else if (client.knownCalls.delete(delta.call.id)) {
          this.#send(client, { type: 'call-hidden', callId: delta.call.id });
        }
        return;
      case 'queue':
        this.#send(client, delta, delta.queue.id, serialized);
        return;
      case 'alert':
        if (scope.alert(delta.alert)) this.#send(client, delta, undefined, serialized);
        return;
      case 'survey':
        if (scope.survey(delta.survey)) this.#send(client, delta, undefined, serialized);
        return;
      default:
        // alert-cleared and call-hidden carry only a key: harmless for anyone to receive.
        this.#send(client, delta, undefined, serialized);
    }
  }

  #send(client: Client, message: LiveMessage, coalesceKey?: string, serialized?: () => string): void {
    const { socket } = client;
    if (socket.readyState !== OPEN) return;
    if (socket.bufferedAmount > this.limits.hardBufferBytes) {
      this.#disconnectedSlow += 1;
      socket.close(TOO_SLOW, 'client too slow: reconnect for a fresh snapshot');
      this.#remove(client);
      return;
    }
    if (coalesceKey !== undefined && socket.bufferedAmount > this.limits.softBufferBytes) {
      client.heldQueues.set(coalesceKey, message as LiveDelta);
      client.retry ??= setTimeout(() => this.#flushHeld(client), this.limits.retryMs);
      return;
    }
    socket.send(serialized ? serialized() : JSON.stringify(message));
  }

  #flushHeld(client: Client): void {
    client.retry = undefined;
    const held = [...client.heldQueues];
    client.heldQueues.clear();
    for (const [key, delta] of held) this.#send(client, delta, key);
  }

  #remove(client: Client): void {
    clearTimeout(client.retry);
    this.#clients.delete(client);
  }
}
