import t from 'tap';
import type { LiveAgent, LiveCallView, LiveSnapshot } from '@hotline/contracts';
import { StreamHub, TOO_SLOW, type StreamSocket } from '../src/features/live/stream-hub.js';
import { scopeOf } from '../src/features/live/scope.js';

class FakeSocket implements StreamSocket {
  readyState = 1;
  bufferedAmount = 0;
  sent: { type: string; [key: string]: unknown }[] = [];
  closed: { code: number; reason: string } | undefined;
  send(data: string): void {
    this.sent.push(JSON.parse(data) as { type: string });
  }
  close(code: number, reason: string): void {
    this.closed = { code, reason };
    this.readyState = 3;
  }
}

const teams: Record<string, string> = { '1001': 'front', '1002': 'front', '2001': 'back' };
const teamOf = (id: string) => teams[id] ?? null;
const empty = (): LiveSnapshot => ({ type: 'snapshot', at: 0, agents: [], queues: [], calls: [], alerts: [] });
const call = (agentId: string | null, state: LiveCallView['state'] = 'ringing'): LiveCallView => ({
  id: 'c1', queueId: 'general', customerNumber: '555', customerTier: 'standard', state, agentId,
  enqueuedAt: 0, answeredAt: null, endedAt: null, outcome: null, recording: 'off', held: false, muted: false, callback: null,
});
const agent = (id: string): LiveAgent => ({ id, name: id, teamId: teamOf(id), state: 'ready', reason: null, since: 0, deviceRegistered: true, callId: null, wrapUpEndsAt: null });
const principal = (role: 'agent' | 'supervisor' | 'admin', agentId: string | null, teamId: string | null) => ({ username: `${role}-${agentId ?? teamId}`, role, agentId, teamId });

t.test('each role sees only its scope; a call leaving a scope is hidden, never shown', async (t) => {
  const hub = new StreamHub();
  const sockets = {
    agent1001: new FakeSocket(), agent2001: new FakeSocket(), supFront: new FakeSocket(), supBack: new FakeSocket(), admin: new FakeSocket(),
  };
  hub.add(sockets.agent1001, principal('agent', '1001', 'front'), scopeOf(principal('agent', '1001', 'front'), teamOf), empty);
  hub.add(sockets.agent2001, principal('agent', '2001', 'back'), scopeOf(principal('agent', '2001', 'back'), teamOf), empty);
  hub.add(sockets.supFront, principal('supervisor', null, 'front'), scopeOf(principal('supervisor', null, 'front'), teamOf), empty);
  hub.add(sockets.supBack, principal('supervisor', null, 'back'), scopeOf(principal('supervisor', null, 'back'), teamOf), empty);
  hub.add(sockets.admin, principal('admin', null, null), scopeOf(principal('admin', null, null), teamOf), empty);
  for (const socket of Object.values(sockets)) t.same(socket.sent.map((m) => m.type), ['snapshot'], 'a snapshot first');

  hub.publish({ type: 'call', change: 'enqueued', call: call(null, 'waiting') });
  hub.publish({ type: 'call', change: 'offered', call: call('1001') });
  hub.publish({ type: 'agent', agent: agent('1001') });
  hub.publish({ type: 'call', change: 'ended', call: call('1001', 'ended') });
  const types = (s: FakeSocket) => s.sent.slice(1).map((m) => (m.type === 'call' ? `call:${String(m.change)}` : m.type));
  t.same(types(sockets.agent1001), ['call:offered', 'agent', 'call:ended'], 'the agent sees their own call and state');
  t.same(types(sockets.agent2001), [], "another team's agent sees nothing of it");
  t.same(types(sockets.supFront), ['call:enqueued', 'call:offered', 'agent', 'call:ended'], 'the team supervisor sees it all');
  t.same(types(sockets.supBack), ['call:enqueued', 'call-hidden'], "the other team's supervisor saw it waiting, then only that it left");
  t.same(types(sockets.admin), ['call:enqueued', 'call:offered', 'agent', 'call:ended']);
  t.notOk(sockets.supBack.sent.some((m) => m.type === 'call' && (m.call as LiveCallView).agentId === '1001'), 'no call of agent 1001 ever reaches team back');
});

t.test('queue figures coalesce while a client is slow; past the hard limit it is disconnected', async (t) => {
  const hub = new StreamHub({ softBufferBytes: 100, hardBufferBytes: 1000, retryMs: 5 });
  const slow = new FakeSocket();
  const admin = principal('admin', null, null);
  hub.add(slow, admin, scopeOf(admin, teamOf), empty);
  slow.bufferedAmount = 500;
  const figures = (waiting: number) => ({ type: 'queue' as const, queue: { id: 'general', name: 'G', waiting, oldestWaitingSince: null, callbacks: 0, slTargetPct: 80, slThresholdSecs: 20, today: { offered: 0, answered: 0, abandoned: 0, serviceLevel: null, abandonRate: null, asaSeconds: null }, agents: { 'logged-out': 0, ready: 0, 'not-ready': 0, reserved: 0, 'on-call': 0, 'wrap-up': 0 } } });
  for (let i = 1; i <= 50; i++) hub.publish(figures(i));
  t.equal(slow.sent.length, 1, 'nothing more sent while the buffer is above the soft limit');
  slow.bufferedAmount = 0;
  await new Promise((resolve) => setTimeout(resolve, 20));
  t.same(slow.sent.slice(1).map((m) => (m.queue as { waiting: number }).waiting), [50], 'only the latest figures once it drains');
  slow.bufferedAmount = 5000;
  hub.publish({ type: 'agent', agent: agent('1001') });
  t.equal(slow.closed?.code, TOO_SLOW, 'closed with "try again later"');
  t.equal(hub.size, 0);
  t.equal(hub.disconnectedSlow, 1);
});
