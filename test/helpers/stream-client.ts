import WebSocket from 'ws';
import type { LiveMessage } from '@hotline/contracts';
import { waitFor } from './wait.js';

/** A live-stream client that keeps every message it receives, for assertions. */
export async function streamClient(url: string, token: string) {
  const socket = new WebSocket(url);
  const messages: LiveMessage[] = [];
  let closed: { code: number; reason: string } | undefined;
  socket.on('message', (data) => messages.push(JSON.parse(data.toString()) as LiveMessage));
  socket.on('close', (code, reason) => (closed = { code, reason: reason.toString() }));
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  socket.send(JSON.stringify({ type: 'auth', token }));
  return {
    messages,
    closed: () => closed,
    /** Waits for the first message satisfying `match`. */
    next: <T extends LiveMessage>(what: string, match: (m: LiveMessage) => m is T, timeoutMs = 15_000) =>
      waitFor(what, () => messages.find(match), timeoutMs),
    close: () => socket.close(),
  };
}
