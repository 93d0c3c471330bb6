import t from 'tap';
import { teamScope } from '../src/features/auth/team-scope.js';
import { scopeOf } from '../src/features/live/scope.js';

const teams: Record<string, string> = { '1001': 'front', '1002': 'front', '2001': 'back' };
const teamOf = (id: string) => teams[id] ?? null;
const agent = { username: '1001', role: 'agent' as const, agentId: '1001', teamId: 'front' };
const supervisor = { username: 'sup', role: 'supervisor' as const, agentId: null, teamId: 'front' };
const admin = { username: 'admin', role: 'admin' as const, agentId: null, teamId: null };

t.test('an agent: only themselves and their own calls', async (t) => {
  const scope = teamScope(agent, teamOf);
  t.same(['1001', '1002', '2001', null].map((id) => scope.agent(id)), [true, false, false, false]);
  t.same([{ agentId: '1001' }, { agentId: '1002' }, { agentId: null }].map((c) => scope.call(c)), [true, false, false]);
});

t.test("a supervisor: their team's agents and calls, and calls nobody took", async (t) => {
  const scope = teamScope(supervisor, teamOf);
  t.same(['1001', '1002', '2001', '9999'].map((id) => scope.agent(id)), [true, true, false, false]);
  t.same([{ agentId: '1002' }, { agentId: '2001' }, { agentId: null }].map((c) => scope.call(c)), [true, false, true]);
  t.equal(scope.team, 'front');
  const teamless = teamScope({ ...supervisor, teamId: null }, teamOf);
  t.equal(teamless.agent('1001'), false, 'a supervisor of no team has no agents');
});

t.test('an admin: everything; nobody signed in: nothing', async (t) => {
  const scope = teamScope(admin, teamOf);
  t.ok(scope.agent('2001') && scope.call({ agentId: '2001' }));
  t.equal(scope.team, undefined);
  const nobody = teamScope(undefined, teamOf);
  t.equal(nobody.agent('1001'), false);
});

t.test("the stream: a supervisor's board drops a call nobody took once it ended", async (t) => {
  const scope = scopeOf(supervisor, teamOf);
  const call = (agentId: string | null, state: string) => ({ agentId, state }) as Parameters<typeof scope.call>[0];
  t.same([call(null, 'waiting'), call(null, 'ended'), call('1002', 'ended'), call('2001', 'talking')].map((c) => scope.call(c)), [true, false, true, false]);
  const alert = (agentId: string | null, queueId: string | null) => ({ agentId, queueId }) as Parameters<typeof scope.alert>[0];
  t.same([alert(null, 'general'), alert('1001', null), alert('2001', null), alert(null, null)].map((a) => scope.alert(a)), [true, true, false, false]);
  t.equal(scopeOf(agent, teamOf).alert(alert(null, 'general')), false, 'agents get no alerts');
  t.equal(scopeOf(admin, teamOf).alert(alert(null, null)), true);
});
