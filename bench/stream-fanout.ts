// Live-stream fan-out benchmark: an agent state change → received by N websocket clients, ours
// (StreamHub: per-client role scope, call tracking, buffer checks) side by side in one run with a
// naive broadcast (JSON.stringify + send to every socket, no scope, no limits), at 100 and 1,000
// connected clients over loopback. Clients live in a child process.
//
//   npx tsx bench/stream-fanout.ts        # or: npm run bench:stream
//
// Each round publishes EVENTS agent-state changes, one every INTERVAL_MS; latency is from the
// publish call to each client's receipt (the send time rides in the message). Rounds alternate
// ours / naive so machine noise hits both.
import { fork, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { WebSocketServer, type WebSocket } from 'ws';
import type { LiveAgent, LiveSnapshot } from '@hotline/contracts';
import { StreamHub } from '../services/control/src/features/live/stream-hub.js';
import { scopeOf } from '../services/control/src/features/live/scope.js';

const EVENTS = 200;
const INTERVAL_MS = 20;
const ROUNDS = 2;
const SIZES = [100, 1_000];

const supervisor = { username: 'bench', role: 'supervisor' as const, agentId: null, teamId: 'front' };
const scope = scopeOf(supervisor, () => 'front');
const snapshot = (): LiveSnapshot => ({ type: 'snapshot', at: Date.now(), agents: [], queues: [], calls: [], alerts: [] });
const agent = (since: number): LiveAgent => ({ id: '1001', name: 'Bench', teamId: 'front', state: 'ready', reason: null, since, deviceRegistered: true, callId: null, wrapUpEndsAt: null });

interface Fanout {
  attach(socket: WebSocket): void;
  publish(since: number): void;
}

function oursFanout(): Fanout {
  const hub = new StreamHub();
  return {
    attach: (socket) => socket.once('message', () => hub.add(socket, supervisor, scope, snapshot)),
    publish: (since) => hub.publish({ type: 'agent', agent: agent(since) }),
  };
}

function naiveFanout(): Fanout {
  const sockets = new Set<WebSocket>();
  return {
    attach: (socket) =>
      socket.once('message', () => {
        sockets.add(socket);
        socket.send(JSON.stringify({ type: 'hello' }));
      }),
    publish: (since) => {
      for (const socket of sockets) socket.send(JSON.stringify({ type: 'agent', agent: agent(since) }));
    },
  };
}

async function round(fanout: Fanout, clients: number): Promise<number[]> {
  const server = createServer();
  const wss = new WebSocketServer({ server });
  wss.on('connection', (socket) => fanout.attach(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const child: ChildProcess = fork(new URL('./stream-clients.ts', import.meta.url).pathname, [`ws://127.0.0.1:${(server.address() as AddressInfo).port}`, String(clients)], {
    execArgv: ['--import', 'tsx'],
  });
  await new Promise<void>((resolve) => child.on('message', (m: { ready?: boolean }) => m.ready && resolve()));
  for (let i = 0; i < EVENTS; i++) {
    fanout.publish(performance.timeOrigin + performance.now());
    await sleep(INTERVAL_MS);
  }
  await sleep(500);
  const latencies = await new Promise<number[]>((resolve) => {
    child.on('message', (m: { latencies?: number[] }) => m.latencies && resolve(m.latencies));
    child.send('report');
  });
  child.kill();
  for (const socket of wss.clients) socket.terminate();
  wss.close();
  server.close();
  if (latencies.length !== EVENTS * clients) throw new Error(`expected ${EVENTS * clients} receipts, got ${latencies.length}`);
  return latencies;
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

console.log(`stream fan-out: ${EVENTS} agent-state changes every ${INTERVAL_MS} ms, ${ROUNDS} rounds each, clients in a child process\n`);
console.log('clients | ours p50 / p99 (ms) | naive p50 / p99 (ms) | p50 ratio | p99 ratio');
for (const clients of SIZES) {
  let ours: number[] = [];
  let naive: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    ours = ours.concat(await round(oursFanout(), clients));
    naive = naive.concat(await round(naiveFanout(), clients));
  }
  ours.sort((a, b) => a - b);
  naive.sort((a, b) => a - b);
  const [o50, o99, n50, n99] = [pct(ours, 50), pct(ours, 99), pct(naive, 50), pct(naive, 99)];
  console.log(`${String(clients).padStart(7)} | ${o50.toFixed(2)} / ${o99.toFixed(2)} | ${n50.toFixed(2)} / ${n99.toFixed(2)} | ${(o50 / n50).toFixed(2)}× | ${(o99 / n99).toFixed(2)}×`);
}
