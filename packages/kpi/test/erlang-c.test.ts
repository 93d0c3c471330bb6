import t from 'tap';
import { agentsNeeded, erlangC } from '../src/index.js';

const perHalfHour = (calls: number) => ({ calls, intervalSeconds: 1800 });
const round = (value: number, decimals: number) => Number(value.toFixed(decimals));

t.test('the issue test vector: 100 calls / 30 min, AHT 180 s, 14 agents, 20 s', async (t) => {
  // A = 100 / 1800 s × 180 s = 10 Erlangs
  const figures = erlangC(perHalfHour(100), 180, 14, 20);
  t.equal(figures.trafficErlangs, 10);
  t.equal(round(figures.waitProbability, 3), 0.174);
  t.equal(round(figures.serviceLevel, 3), 0.888);
  t.ok(Math.abs(figures.asaSeconds - 7.84) < 0.01, `ASA ${figures.asaSeconds} ≈ 7.84 s`);
  t.equal(figures.occupancy, 10 / 14);
});

t.test('hundreds of agents stay finite and match a log-space reference', async (t) => {
  // A = 5000 / 1800 × 180 = 500 Erlangs on 520 agents. The reference sums A^k/k! in log space
  // (Python math.lgamma): P(wait) 0.2747563446965868, SL 0.970225198057557, ASA 2.472807102269281.
  const figures = erlangC(perHalfHour(5000), 180, 520, 20);
  t.ok(Math.abs(figures.waitProbability - 0.2747563446965868) < 1e-9);
  t.ok(Math.abs(figures.serviceLevel - 0.970225198057557) < 1e-9);
  t.ok(Math.abs(figures.asaSeconds - 2.472807102269281) < 1e-9);
});

t.test('too few agents: everyone waits and the queue never drains', async (t) => {
  t.same(erlangC(perHalfHour(100), 180, 10, 20), {
    agents: 10,
    trafficErlangs: 10,
    waitProbability: 1,
    serviceLevel: 0,
    asaSeconds: Infinity,
    occupancy: 1,
  });
});

t.test('no traffic: nobody waits', async (t) => {
  t.same(erlangC(perHalfHour(0), 180, 3, 20), {
    agents: 3,
    trafficErlangs: 0,
    waitProbability: 0,
    serviceLevel: 1,
    asaSeconds: 0,
    occupancy: 0,
  });
});

t.test('agents needed is the fewest that reach the target', async (t) => {
  // 13 agents give SL 0.7956, 14 give 0.8884 (log-space reference)
  t.equal(agentsNeeded(perHalfHour(100), 180, 0.8, 20).agents, 14);
  t.equal(agentsNeeded(perHalfHour(100), 180, 0.79, 20).agents, 13);
  t.same(agentsNeeded(perHalfHour(100), 180, 0.8, 20), erlangC(perHalfHour(100), 180, 14, 20));
  t.equal(agentsNeeded(perHalfHour(0), 180, 0.8, 20).agents, 0, 'no calls, no agents');
  // A = 5000 Erlangs: 5017 agents give SL 0.88939, 5018 give 0.90290 (log-space reference)
  t.equal(agentsNeeded(perHalfHour(50_000), 180, 0.9, 20).agents, 5018);
});

t.test('bad input names the parameter', async (t) => {
  t.throws(() => erlangC(perHalfHour(-1), 180, 14, 20), { name: 'RangeError', message: /rate\.calls/ });
  t.throws(() => erlangC(perHalfHour(Number.NaN), 180, 14, 20), { message: /rate\.calls/ });
  t.throws(() => erlangC({ calls: 100, intervalSeconds: 0 }, 180, 14, 20), { message: /rate\.intervalSeconds/ });
  t.throws(() => erlangC(perHalfHour(100), 0, 14, 20), { message: /ahtSeconds/ });
  t.throws(() => erlangC(perHalfHour(100), 180, 13.5, 20), { message: /agents/ });
  t.throws(() => erlangC(perHalfHour(100), 180, -1, 20), { message: /agents/ });
  t.throws(() => erlangC(perHalfHour(100), 180, 14, -5), { message: /targetSeconds/ });
  t.throws(() => agentsNeeded(perHalfHour(100), 180, 1, 20), { message: /targetServiceLevel/ });
  t.throws(() => agentsNeeded(perHalfHour(100), 180, 0, 20), { message: /targetServiceLevel/ });
  t.throws(() => agentsNeeded(perHalfHour(100), 180, 0.8, Infinity), { message: /targetSeconds/ });
});
