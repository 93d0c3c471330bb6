import t from 'tap';
import { pino } from 'pino';
import type { AuditEntry } from '@hotline/db';
import type { LiveCall } from '../src/features/calls/live-calls.js';
import { SupervisionService, type MonitorMode } from '../src/features/supervision/supervision-service.js';
import { FakeAri } from './helpers/fake-ari.js';

const SUPERVISOR = { username: 'sup', extension: '1101' };

/** A call talking with agent 1001: caller and agent legs in the call's bridge. */
function talkingCall(ari: FakeAri): LiveCall {
  for (const channel of ['caller', 'agent-leg']) ari.channels.add(channel);
  ari.bridges.add('call-bridge');
  return {
    id: 'call-1', callerChannelId: 'caller', queueId: 'general', customerNumber: '5550100', customerTier: 'standard', language: 'en',
    state: 'talking', enqueuedAt: 0, agentId: '1001', agentChannelId: 'agent-leg', offers: 1, announcements: 0,
    announcedPosition: null, announceTimer: undefined, answeredAt: 1_000, endedAt: null, outcome: null, callback: null,
    bridgeId: 'call-bridge', preparedBridge: null, audio: { playing: [], moh: false }, recording: null, voicemail: null, outbound: null,
    hold: { since: null, totalMs: 0 }, muted: false, log: pino({ level: 'silent' }),
  };
}

function setup({ beepOnMonitor = false } = {}) {
  const ari = new FakeAri();
  const audit: AuditEntry[] = [];
  const call = talkingCall(ari);
  const calls = new Map([[call.id, call]]);
  const service = new SupervisionService({
    ari,
    audit: { record: async (entry) => void audit.push(entry) },
    log: pino({ level: 'silent' }),
    call: (id) => calls.get(id),
    beepOnMonitor,
  });
  /** The supervisor starts monitoring in `mode` and picks up their phone. */
  const monitor = async (mode: MonitorMode, { answer = true } = {}) => {
    const session = await service.start(SUPERVISOR, call, mode);
    if (answer) await service.onSupervisorAnswered(session.supervisorChannelId, session.id);
    return session;
  };
  return { ari, audit, call, calls, service, monitor };
}

t.test('listen: the supervisor is rung, then hears a snoop of the agent leg in a bridge of their own', async (t) => {
  const { ari, audit, service, monitor } = setup();
  const session = await monitor('listen', { answer: false });
  t.equal(session.state, 'ringing');
  t.same(ari.since(0), [`originate ${session.id}-supervisor`]);
  t.match(ari.requests[0]!.args[1], { endpoint: 'PJSIP/1101', appArgs: `supervisor-leg,${session.id}` }, "the supervisor's own phone");
  await service.onSupervisorAnswered(session.supervisorChannelId, session.id);
  t.same(ari.since(1), [`createBridge ${session.id}-monitor`, 'snoop agent-leg', `addToBridge ${session.id}-monitor`, `addToBridge ${session.id}-monitor`]);
  t.same(ari.requests[2]!.args.slice(1), [`${session.id}-snoop-1`, 'both', 'none'], 'hears both parties, speaks to nobody');
  t.same(ari.requests.slice(3).map((r) => r.args[1]), [`${session.id}-snoop-1`, session.supervisorChannelId]);
  t.equal(session.state, 'active');
  t.match(audit, [{ actor: 'sup', action: 'monitor.start', subject: 'call-1', data: { mode: 'listen', agentId: '1001' } }]);
});

t.test('switching listen to whisper: a new snoop speaking to the agent only, the supervisor never dropped', async (t) => {
  const { ari, audit, service, monitor } = setup();
  const session = await monitor('listen');
  const from = ari.requests.length;
  await service.setMode(session.id, 'whisper');
  t.same(ari.since(from), [`removeFromBridge ${session.id}-monitor`, `hangup ${session.id}-snoop-1`, 'snoop agent-leg', `addToBridge ${session.id}-monitor`, `addToBridge ${session.id}-monitor`]);
  t.same(ari.requests[from + 2]!.args.slice(1), [`${session.id}-snoop-2`, 'both', 'out'], "the supervisor's voice goes towards the agent");
  t.ok(ari.channels.has(session.supervisorChannelId), "the supervisor's leg stayed up");
  t.equal(session.switches, 2);
  t.match(audit.at(-1), { action: 'monitor.mode', data: { from: 'listen', to: 'whisper' } });
  const unchanged = ari.requests.length;
  await service.setMode(session.id, 'whisper');
  t.equal(ari.requests.length, unchanged, 'the same mode again changes nothing');
});

t.test('barge: the supervisor joins the call bridge itself, no snoop; back to listen leaves it', async (t) => {
  const { ari, service, monitor } = setup();
  const session = await monitor('barge');
  t.same(ari.since(1), [`createBridge ${session.id}-monitor`, 'addToBridge call-bridge']);
  t.equal(ari.requests.at(-1)!.args[1], session.supervisorChannelId);
  const from = ari.requests.length;
  await service.setMode(session.id, 'listen');
  t.same(ari.since(from).slice(0, 2), ['removeFromBridge call-bridge', 'snoop agent-leg'], 'out of the call bridge, onto a snoop');
});

t.test('a mode chosen while the phone rings is the one built on answer', async (t) => {
  const { ari, service, monitor } = setup();
  const session = await monitor('listen', { answer: false });
  await service.setMode(session.id, 'whisper');
  await service.onSupervisorAnswered(session.supervisorChannelId, session.id);
  const snoops = ari.requests.filter((r) => r.method === 'snoop');
  t.equal(snoops.length, 1, 'no listen snoop built and torn down');
  t.equal(snoops[0]!.args[3], 'out', 'whisper from the start');
  t.equal(session.mode, 'whisper');
});

t.test('the call ended before the supervisor answered: the session ends, nothing is joined', async (t) => {
  const { ari, audit, call, service, monitor } = setup();
  const session = await monitor('listen', { answer: false });
  call.state = 'ended';
  await service.onSupervisorAnswered(session.supervisorChannelId, session.id);
  t.equal(session.state, 'ended');
  t.notOk(ari.requests.some((r) => r.method === 'snoop' || r.method === 'addToBridge'), 'no media path built');
  t.ok(ari.since(1).includes(`hangup ${session.supervisorChannelId}`), "the supervisor's phone is released");
  t.match(audit.at(-1), { action: 'monitor.end', data: { reason: 'call ended before the supervisor answered' } });
  t.same(service.list(), [], 'no live session listed');
});

t.test('an answer for a session that is not ringing is hung up', async (t) => {
  const { ari, service } = setup();
  ari.channels.add('stray');
  await service.onSupervisorAnswered('stray', 'no-such-session');
  t.same(ari.since(0), ['hangup stray']);
});

t.test('the supervisor hangs up: the snoop and the bridge go; the call ending ends every session on it', async (t) => {
  const { ari, call, service, monitor } = setup();
  const first = await monitor('listen');
  ari.channels.delete(first.supervisorChannelId);
  await service.onChannelGone(first.supervisorChannelId);
  t.equal(first.state, 'ended');
  t.notOk(ari.channels.has(`${first.id}-snoop-1`), 'the snoop is hung up');
  t.notOk(ari.bridges.has(`${first.id}-monitor`), 'the session bridge is destroyed');
  const second = await monitor('whisper');
  const third = await monitor('listen');
  await service.onCallEnded(call);
  t.same([second.state, third.state], ['ended', 'ended']);
  t.notOk(ari.channels.has(second.supervisorChannelId) || ari.channels.has(third.supervisorChannelId), "both supervisors' phones released");
});

t.test('with the beep on, the agent hears a beep once monitoring is active', async (t) => {
  const { ari, monitor } = setup({ beepOnMonitor: true });
  const session = await monitor('listen');
  t.same(ari.since(ari.requests.length - 1), ['play agent-leg']);
  t.same(ari.requests.at(-1)!.args.slice(1), [['sound:beep'], `${session.id}.beep`]);
});
