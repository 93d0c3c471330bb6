// Child process of bench/stream-fanout.ts: opens N websocket clients to the given URL, authenticates
// each, and reports per-message latency (receive time − the send time carried in the message) to the
// parent. Runs apart from the server so receiving does not share the server's event loop.
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';

const [url, countArg] = process.argv.slice(2);
const count = Number(countArg);
const latencies: number[] = [];
let ready = 0;

const now = () => performance.timeOrigin + performance.now();
for (let i = 0; i < count; i++) {
  const socket = new WebSocket(url ?? '');
  socket.on('open', () => socket.send(JSON.stringify({ type: 'auth', token: 'bench' })));
  socket.on('message', (data) => {
    const message = JSON.parse(data.toString()) as { type: string; agent?: { since: number } };
    if (message.type === 'snapshot' || message.type === 'hello') {
      if (++ready === count) process.send?.({ ready: true });
    } else if (message.type === 'agent' && message.agent) latencies.push(now() - message.agent.since);
  });
}
process.on('message', (command) => {
  if (command === 'report') {
    process.send?.({ latencies: latencies.splice(0) });
  }
});
