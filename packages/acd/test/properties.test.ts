// Random operation sequences, replayed from fixed seeds, checked after every step against the
// invariants and against the naive linear-scan selector as an oracle.
import t from 'tap';
import { naiveAgentForCall, naiveCallForAgent, naiveDispatch } from '../../../bench/naive-acd-selector.js';
import type { NaiveAgent, NaiveCall } from '../../../bench/naive-acd-selector.js';
import { Acd, AcdError } from '../src/index.js';
import type { AgentSnapshot, ExpansionStep, QueueConfig, StateInterval } from '../src/index.js';
import { between, pick, prng } from '../../../bench/prng.js';

const SKILLS = ['billing', 'sales', 'tech', 'french'];
const QUEUE_IDS = ['q0', 'q1', 'q2', 'q3', 'q4'];
const AGENT_IDS = Array.from({ length: 14 }, (_, i) => `a${i}`);
const REASONS = ['break', 'lunch', 'other'];

type Random = () => number;

function randomSkills(random: Random): Record<string, number> {
  const skills: Record<string, number> = {};
  // Few distinct levels, so equal best-skill scores (settled by idle time) come up often.
  for (const skill of SKILLS) if (random() < 0.6) skills[skill] = pick(random, [1, 4, 5, 5, 8, 9, 10, 10]);
  return skills;
}

function randomQueue(random: Random, id: string): QueueConfig {
  const skills = [...SKILLS].sort(() => random() - 0.5).slice(0, between(random, 1, 2));
  return {
    id,
    skills: skills.map((skill) => {
      const expansion: ExpansionStep[] = [];
      let level = between(random, 1, 10);
      const minLevel = level;
      for (let after = 0; random() < 0.6 && level > 1; ) {
        after += between(random, 1, 40);
        level = between(random, 1, level - 1);
        expansion.push({ afterSeconds: after, minLevel: level });
      }
      return { skill, minLevel, expansion };
    }),
    strategy: random() < 0.5 ? 'longest-idle' : 'best-skill',
    weight: between(random, 0, 2),
    ...(random() < 0.5 && { maxWaiting: between(random, 2, 6) }),
    ...(random() < 0.5 && { maxWaitSeconds: between(random, 20, 120) }),
    overflow: pick(random, [{ kind: 'voicemail' }, { kind: 'goodbye' }, { kind: 'queue', queueId: pick(random, QUEUE_IDS.filter((other) => other !== id)) }] as const),
    ringTimeoutSeconds: between(random, 5, 20),
    wrapUpSeconds: pick(random, [0, 0, 5, 30]),
  };
}

/** How often each path was taken over all seeds, so the runs are known to reach them. */
const reached = { offers: 0, batchedOffers: 0, missedOffers: 0, overflows: 0, refusals: 0, fullQueues: 0, wrapUpsEnded: 0 };

/** Plays `steps` random operations from `seed`; returns the first few violations found. */
function runSeed(seed: number, steps: number): string[] {
  const random = prng(seed);
  const queues = new Map(QUEUE_IDS.map((id) => [id, randomQueue(random, id)]));
  const skills = new Map(AGENT_IDS.map((id) => [id, randomSkills(random)]));
  let now = 0;
  const acd = new Acd({ queues: [...queues.values()], agents: AGENT_IDS.map((id) => ({ id, skills: skills.get(id) ?? {} })) }, now);
  const live = new Set<string>(); // waiting or ringing
  const count = { accepted: 0, answered: 0, abandoned: 0, overflowed: 0 };
  const seen = new Map<string, AgentSnapshot>(AGENT_IDS.map((id) => [id, acd.agent(id)]));
  let nextCall = 0;
  const failures: string[] = [];
  const check = (ok: boolean, message: string): void => {
    if (!ok && failures.length < 5) failures.push(`seed ${seed} @${now}: ${message}`);
  };

  const calls = (): NaiveCall[] => [...live].map((id) => acd.call(id));
  const waiting = (): NaiveCall[] => calls().filter((call) => acd.call(call.id).offeredTo === undefined);
  const ringing = (): string[] => [...live].filter((id) => acd.call(id).offeredTo !== undefined);
  const inState = (state: string): string[] => AGENT_IDS.filter((id) => acd.agent(id).state === state);
  const naiveAgents = (): NaiveAgent[] =>
    AGENT_IDS.map((id) => ({ id, skills: skills.get(id) ?? {}, ready: acd.agent(id).state === 'Ready', idleSince: acd.agent(id).idleSince }));

  /** Every state change must come with the interval that closes the state seen before it. */
  const settle = (intervals: readonly (StateInterval | undefined)[]): void => {
    const closed = new Map<string, StateInterval>();
    for (const interval of intervals) {
      if (interval === undefined) continue;
      const before = seen.get(interval.agentId) as AgentSnapshot;
      check(!closed.has(interval.agentId), `${interval.agentId} changed twice in one step`);
      check(interval.state === before.state && interval.reason === before.reason && interval.from === before.since, `interval ${JSON.stringify(interval)} does not close ${JSON.stringify(before)}`);
      check(interval.to === now, 'interval ends now');
      closed.set(interval.agentId, interval);
    }
    for (const id of AGENT_IDS) {
      const after = acd.agent(id);
      const before = seen.get(id) as AgentSnapshot;
      const changed = after.state !== before.state || after.reason !== before.reason || after.since !== before.since;
      check(changed === closed.has(id), `${id}: state change ${JSON.stringify(before)} → ${JSON.stringify(after)} without an interval`);
      seen.set(id, after);
    }
  };

  const checkInvariants = (): void => {
    const held = new Map<string, string>();
    for (const id of AGENT_IDS) {
      const agent = acd.agent(id);
      const busy = agent.state === 'Reserved' || agent.state === 'OnCall' || agent.state === 'WrapUp';
      check(busy === (agent.callId !== undefined), `${id} in ${agent.state} with call ${agent.callId}`);
      if (agent.state === 'Ready') check(agent.deviceRegistered, `${id} Ready with softphone offline`);
      if (agent.state === 'Reserved' || agent.state === 'OnCall') {
        check(!held.has(agent.callId as string), `${agent.callId} held by ${held.get(agent.callId as string)} and ${id}`);
        held.set(agent.callId as string, id);
      }
    }
    for (const id of ringing()) {
      const agentId = acd.call(id).offeredTo as string;
      check(acd.agent(agentId).state === 'Reserved' && acd.agent(agentId).callId === id, `${id} rings ${agentId} who is not reserved for it`);
    }
    check(ringing().length === inState('Reserved').length, 'one ringing call per reserved agent');
    check(count.accepted === live.size + count.answered + count.abandoned + count.overflowed, `calls not conserved: ${JSON.stringify(count)} live ${live.size}`);
  };

  const dispatch = (): void => {
    const expected = naiveDispatch(queues, naiveAgents(), waiting(), now);
    const offers = acd.dispatch(now);
    settle(offers.map((offer) => offer.interval));
    check(JSON.stringify(offers.map(({ callId, agentId }) => ({ callId, agentId }))) === JSON.stringify(expected), `offers ${JSON.stringify(offers)} ≠ oracle ${JSON.stringify(expected)}`);
    reached.offers += offers.length;
    if (offers.length > 1) reached.batchedOffers++;
    const stillWaiting = waiting();
    for (const offer of offers) {
      check(offer.interval.state === 'Ready', `${offer.agentId} offered a call while ${offer.interval.state}`);
      const agent: NaiveAgent = { id: offer.agentId, skills: skills.get(offer.agentId) ?? {}, ready: true, idleSince: 0 };
      const offered = acd.call(offer.callId);
      const best = naiveCallForAgent(agent, [...stillWaiting, offered], queues, now);
      check(best?.id === offer.callId, `${offer.agentId} got ${offer.callId} but ${best?.id ?? 'nothing'} ranks first for it (or it does not qualify)`);
    }
  };

  const attempt = (action: () => StateInterval | undefined): void => {
    try {
      settle([action()]);
    } catch (error) {
      check(error instanceof AcdError, `unexpected ${String(error)}`);
      reached.refusals++;
      settle([]); // a refusal changes nothing
    }
  };

  for (let step = 0; step < steps && failures.length === 0; step++) {
    now += random() < 0.3 ? 0 : between(random, 1, 4_000);
    const roll = random();
    if (roll < 0.25) {
      const result = acd.enqueue({ id: `c${nextCall++}`, queueId: pick(random, QUEUE_IDS), priority: pick(random, [0, 0, 0, 1, 2]) }, now);
      if (result.accepted) {
        count.accepted++;
        live.add(`c${nextCall - 1}`);
      } else {
        reached.fullQueues++;
      }
    } else if (roll < 0.4) {
      const agentId = pick(random, AGENT_IDS);
      const target = pick(random, [{ state: 'Ready' }, { state: 'Ready' }, { state: 'LoggedOut' }, { state: 'NotReady', reason: pick(random, REASONS) }] as const);
      attempt(() => acd.setAgentState(agentId, target, now));
    } else if (roll < 0.5) {
      const agentId = pick(random, AGENT_IDS);
      attempt(() => acd.setDeviceRegistered(agentId, random() < 0.8, now));
    } else if (roll < 0.6 && ringing().length > 0) {
      const callId = pick(random, ringing());
      settle([acd.answer(callId, now)]);
      live.delete(callId);
      count.answered++;
    } else if (roll < 0.65 && ringing().length > 0) {
      settle([acd.declineOffer(pick(random, ringing()), now)]);
    } else if (roll < 0.7 && live.size > 0) {
      const callId = pick(random, [...live]);
      settle([acd.abandon(callId, now)]);
      live.delete(callId);
      count.abandoned++;
    } else if (roll < 0.8 && inState('OnCall').length > 0) {
      settle([acd.endCall(pick(random, inState('OnCall')), now)]);
    } else if (roll < 0.83 && inState('WrapUp').length > 0) {
      acd.extendWrapUp(pick(random, inState('WrapUp')), between(random, 1, 30));
    } else if (roll < 0.86) {
      const agentId = pick(random, AGENT_IDS);
      skills.set(agentId, randomSkills(random));
      acd.upsertAgent({ id: agentId, skills: skills.get(agentId) ?? {} }, now);
    } else if (roll < 0.88) {
      const queue = randomQueue(random, pick(random, QUEUE_IDS));
      queues.set(queue.id, queue);
      acd.upsertQueue(queue, now);
    } else {
      const expired = acd.expire(now);
      settle([...expired.missedOffers.map((offer) => offer.interval), ...expired.wrapUpsEnded]);
      reached.missedOffers += expired.missedOffers.length;
      reached.wrapUpsEnded += expired.wrapUpsEnded.length;
      reached.overflows += expired.overflows.length;
      for (const overflow of expired.overflows) {
        check(overflow.reason === 'max-wait' && JSON.stringify(overflow.target) === JSON.stringify(queues.get(overflow.queueId)?.overflow), 'overflow names the queue target');
        live.delete(overflow.callId);
        count.overflowed++;
      }
    }
    if (random() < 0.5) dispatch();
    checkInvariants();
  }
  return failures;
}

t.test('random operation sequences keep every invariant and agree with the naive selector', async (t) => {
  for (let seed = 1; seed <= 60; seed++) t.same(runSeed(seed, 400), [], `seed ${seed}`);
  for (const [path, times] of Object.entries(reached)) t.ok(times >= 20, `${path} reached ${times} times`);
});

t.test('with many Ready agents, each call takes the agent the naive scan picks', async (t) => {
  const mismatches: string[] = [];
  for (let seed = 1; seed <= 200; seed++) {
    const random = prng(seed);
    const queue: QueueConfig = { ...randomQueue(random, 'q'), maxWaiting: undefined, maxWaitSeconds: undefined, overflow: { kind: 'voicemail' } };
    const agents: NaiveAgent[] = Array.from({ length: 40 }, (_, i) => ({ id: `a${i}`, skills: randomSkills(random), ready: false, idleSince: 0 }));
    const acd = new Acd({ queues: [queue], agents }, 0);
    let now = 0;
    for (const agent of [...agents].sort(() => random() - 0.5)) {
      now += between(random, 0, 2); // equal idle times happen, settled by id
      acd.setDeviceRegistered(agent.id, true, now);
      acd.setAgentState(agent.id, { state: 'Ready' }, now);
      agent.ready = true;
      agent.idleSince = now;
    }
    for (let i = 0; i < 40; i++) {
      now += between(random, 0, 30_000);
      const call: NaiveCall = { id: `c${i}`, queueId: 'q', priority: 0, enqueuedAt: now };
      acd.enqueue(call, now);
      const waiting = acd.waitingCalls('q');
      const offers = acd.dispatch(now);
      // Earlier calls may have become servable by expansion in the meantime: the oldest goes first.
      for (const offer of offers) {
        const offered = waiting.find((candidate) => candidate.id === offer.callId) as NaiveCall;
        const expected = naiveAgentForCall(queue, offered, agents, now);
        if (expected?.id !== offer.agentId) mismatches.push(`seed ${seed} ${offer.callId}: ${offer.agentId} ≠ ${expected?.id}`);
        (agents.find((agent) => agent.id === offer.agentId) as NaiveAgent).ready = false;
      }
    }
  }
  t.same(mismatches.slice(0, 5), []);
});
