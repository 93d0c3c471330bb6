import t from 'tap';
import { transition } from '../src/agent-state.js';
import type { AgentStatus, StateTarget } from '../src/agent-state.js';
import { InvalidTransitionError } from '../src/index.js';
import type { AgentState } from '../src/index.js';

const STATES: AgentState[] = ['LoggedOut', 'Ready', 'NotReady', 'Reserved', 'OnCall', 'WrapUp'];
const ALLOWED: Record<AgentState, AgentState[]> = {
  LoggedOut: ['Ready', 'NotReady'],
  Ready: ['NotReady', 'Reserved', 'LoggedOut'],
  NotReady: ['Ready', 'NotReady', 'LoggedOut'],
  Reserved: ['OnCall', 'NotReady', 'Ready'],
  OnCall: ['WrapUp', 'Ready', 'NotReady'],
  WrapUp: ['Ready', 'NotReady', 'LoggedOut'],
};

function target(state: AgentState): StateTarget {
  return state === 'NotReady' ? { state, reason: 'lunch' } : { state };
}

function status(state: AgentState): AgentStatus {
  return state === 'NotReady' ? { state, reason: 'break', since: 100 } : { state, since: 100 };
}

t.test('every pair of states is allowed or rejected exactly as the table says', async (t) => {
  for (const from of STATES) {
    for (const to of STATES) {
      const attempt = (): unknown => transition('a1', status(from), target(to), 250);
      if (ALLOWED[from].includes(to)) t.doesNotThrow(attempt, `${from} → ${to}`);
      else t.throws(attempt, new InvalidTransitionError('a1', from, to), `${from} → ${to}`);
    }
  }
});

t.test('a transition closes the previous state as a timestamped interval', async (t) => {
  const login = transition('a1', { state: 'LoggedOut', since: 0 }, { state: 'Ready' }, 1_000);
  t.same(login.status, { state: 'Ready', since: 1_000 });
  t.same(login.interval, { agentId: 'a1', state: 'LoggedOut', from: 0, to: 1_000 });
  t.notOk('reason' in login.interval, 'no reason key outside NotReady');

  const away = transition('a1', login.status, { state: 'NotReady', reason: 'break' }, 5_000);
  t.same(away.status, { state: 'NotReady', reason: 'break', since: 5_000 });
  const back = transition('a1', away.status, { state: 'Ready' }, 9_000);
  t.same(back.interval, { agentId: 'a1', state: 'NotReady', reason: 'break', from: 5_000, to: 9_000 });
});

t.test('NotReady may change reason but not repeat the same one', async (t) => {
  const onBreak: AgentStatus = { state: 'NotReady', reason: 'break', since: 0 };
  t.same(transition('a1', onBreak, { state: 'NotReady', reason: 'lunch' }, 10).interval, {
    agentId: 'a1',
    state: 'NotReady',
    reason: 'break',
    from: 0,
    to: 10,
  });
  t.throws(() => transition('a1', onBreak, { state: 'NotReady', reason: 'break' }, 10), { code: 'INVALID_TRANSITION', from: 'NotReady', to: 'NotReady' });
});

t.test('the error names the agent and both states', async (t) => {
  const error = t.throws(() => transition('a7', { state: 'OnCall', since: 0 }, { state: 'LoggedOut' }, 1));
  t.match(error, { name: 'InvalidTransitionError', code: 'INVALID_TRANSITION', agentId: 'a7', from: 'OnCall', to: 'LoggedOut' });
  t.match((error as Error).message, 'agent a7: cannot go from OnCall to LoggedOut');
});
