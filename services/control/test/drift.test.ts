import t from 'tap';
import { driftKey, findDrift, GREETING_STUCK_MS, type AgentBelief, type CallBelief } from '../src/features/self-healing/drift.js';

const call = (over: Partial<CallBelief>): CallBelief => ({ id: 'c1', state: 'waiting', callerChannelId: 'ch-caller', agentChannelId: null, agentId: null, callback: false, enqueuedAt: 0, ...over });
const agent = (over: Partial<AgentBelief>): AgentBelief => ({ id: '1001', state: 'Ready', ...over });

t.test('nothing differs when every believed channel exists', async (t) => {
  const calls = [call({}), call({ id: 'c2', state: 'talking', callerChannelId: 'ch2', agentChannelId: 'ch2-agent', agentId: '1001' })];
  const agents = [agent({ state: 'OnCall', callId: 'c2' }), agent({ id: '1002' })];
  t.same(findDrift(calls, agents, new Set(['ch-caller', 'ch2', 'ch2-agent'])), []);
});

t.test('a waiting caller whose channel is gone', async (t) => {
  t.same(findDrift([call({})], [], new Set()), [{ kind: 'caller-gone', callId: 'c1', agentId: null, channelId: 'ch-caller', believed: 'waiting' }]);
});

t.test('a ringing offer whose agent leg is gone, and a talking call whose agent leg is gone', async (t) => {
  const ringing = call({ state: 'ringing', agentChannelId: 'leg', agentId: '1001' });
  t.match(findDrift([ringing], [agent({ state: 'Reserved', callId: 'c1' })], new Set(['ch-caller'])), [{ kind: 'offer-gone', channelId: 'leg', agentId: '1001' }]);
  const talking = call({ state: 'talking', agentChannelId: 'leg', agentId: '1001' });
  t.match(findDrift([talking], [agent({ state: 'OnCall', callId: 'c1' })], new Set(['ch-caller'])), [{ kind: 'agent-leg-gone', channelId: 'leg' }]);
});

t.test('a caller gone is the one drift of a call, even when its agent leg is gone too', async (t) => {
  const talking = call({ state: 'talking', agentChannelId: 'leg', agentId: '1001' });
  t.same(findDrift([talking], [agent({ state: 'OnCall', callId: 'c1' })], new Set()).map((d) => d.kind), ['caller-gone']);
});

t.test('an agent held by a call we no longer hold, but not one wrapping up or ready', async (t) => {
  const agents = [agent({ state: 'OnCall', callId: 'gone' }), agent({ id: '1002', state: 'WrapUp', callId: 'gone' }), agent({ id: '1003', state: 'Reserved', callId: 'c9' })];
  const ended = call({ id: 'c9', state: 'ended' });
  t.same(
    findDrift([ended], agents, new Set()).map((d) => [d.kind, d.agentId]),
    [['agent-without-call', '1001'], ['agent-without-call', '1003']],
  );
});

t.test('a voicemail or greeting call is judged by its caller alone', async (t) => {
  t.same(findDrift([call({ state: 'voicemail', agentChannelId: 'old-leg' })], [], new Set(['ch-caller'])), []);
});

t.test('keys tell drifts apart and stay the same from pass to pass', async (t) => {
  const [a] = findDrift([call({})], [], new Set());
  const [b] = findDrift([call({})], [], new Set());
  const [c] = findDrift([call({ id: 'c2', callerChannelId: 'other' })], [], new Set());
  if (!a || !b || !c) throw new Error('expected drifts');
  t.equal(driftKey(a), driftKey(b));
  t.not(driftKey(a), driftKey(c));
});

t.test('a booked callback has nobody on the line until its customer is dialled; then its legs count again', async (t) => {
  const channels = new Set(['ch-agent']);
  t.same(findDrift([call({ state: 'callback', callback: true, callerChannelId: 'gone-line' })], [], channels), [], 'waiting for its turn');
  t.same(findDrift([call({ state: 'ringing', callback: true, callerChannelId: 'gone-line', agentChannelId: 'ch-agent', agentId: '1001' })], [], channels), [], 'ringing its agent');
  t.match(findDrift([call({ state: 'calling-back', callback: true, callerChannelId: 'customer-leg', agentChannelId: 'ch-agent', agentId: '1001' })], [], channels), [{ kind: 'caller-gone', channelId: 'customer-leg' }]);
  t.match(findDrift([call({ state: 'calling-back', callback: true, callerChannelId: 'ch-agent', agentChannelId: 'agent-leg', agentId: '1001' })], [], channels), [{ kind: 'agent-leg-gone', channelId: 'agent-leg' }]);
});

t.test('callers in our Stasis app: unknown ones are drift, known ones (ended calls too) and agent legs are not', async (t) => {
  const inStasis = (id: string, args: string[]) => ({ id, name: `PJSIP/${id}`, state: 'Up', callerNumber: '5550100', dialedExten: '7000', args });
  const known = call({});
  const rating = call({ id: 'c2', state: 'ended', callerChannelId: 'ch-rating' });
  const drifts = findDrift([known, rating], [], new Set(['ch-caller', 'ch-rating', 'orphan', 'leg']), [
    inStasis('ch-caller', ['inbound', '7000']), inStasis('ch-rating', ['inbound', '7000']), inStasis('orphan', ['inbound', '7001']), inStasis('leg', ['agent-leg', 'c1']),
  ]);
  t.same(drifts.map((d) => [d.kind, d.kind === 'unknown-caller' ? d.channel.id : '']), [['unknown-caller', 'orphan']]);
  t.equal(driftKey(drifts[0]!), 'unknown-caller:orphan');
});

t.test('a call still greeting long after any greeting ends is drift; a fresh one is not', async (t) => {
  const greeting = call({ state: 'greeting', enqueuedAt: 1_000 });
  t.same(findDrift([greeting], [], new Set(['ch-caller']), [], 1_000 + GREETING_STUCK_MS), [], 'a minute is within reason');
  t.same(findDrift([greeting], [], new Set(['ch-caller']), [], 2_000 + GREETING_STUCK_MS), [{ kind: 'greeting-stuck', callId: 'c1', agentId: null, since: 1_000 }]);
  t.same(findDrift([greeting], [], new Set([]), [], 2_000 + GREETING_STUCK_MS).map((d) => d.kind), ['caller-gone'], 'a caller who is gone is just gone');
  t.same(findDrift([call({ enqueuedAt: 0 })], [], new Set(['ch-caller']), [], 10 * GREETING_STUCK_MS), [], 'waiting long is not greeting long');
});

t.test("an outbound call before the customer is rung has nobody on the customer's leg yet; its agent leg gone is a lost offer", async (t) => {
  const dialing = call({ state: 'dialing', callerChannelId: 'c1-customer', agentChannelId: 'c1-agent', agentId: '1001' });
  t.same(findDrift([dialing], [agent({ state: 'Reserved', callId: 'c1' })], new Set(['c1-agent'])), [], 'the customer not yet rung is no drift');
  t.match(findDrift([dialing], [agent({ state: 'Reserved', callId: 'c1' })], new Set()), [{ kind: 'offer-gone', channelId: 'c1-agent' }]);
  const talking = call({ state: 'talking', callerChannelId: 'c1-customer', agentChannelId: 'c1-agent', agentId: '1001' });
  t.match(findDrift([talking], [], new Set(['c1-agent'])), [{ kind: 'caller-gone', channelId: 'c1-customer' }], 'once talking, a customer gone is one');
});
