/** Calls arriving per interval, e.g. 100 calls per 1800 s. */
export interface ArrivalRate {
  calls: number;
  intervalSeconds: number;
}

export interface ErlangCResult {
  agents: number;
  /** Offered load A = arrivals per second × AHT. */
  trafficErlangs: number;
  /** Probability that a caller has to queue. */
  waitProbability: number;
  /** Share 0–1 answered within the target seconds. */
  serviceLevel: number;
  /** Infinity when agents ≤ traffic: the queue grows without bound. */
  asaSeconds: number;
  occupancy: number;
}

function requireAtLeast(name: string, value: number, minimum: number): void {
  if (!Number.isFinite(value) || value < minimum) throw new RangeError(`${name} must be a finite number ≥ ${minimum}, got ${value}`);
}

function trafficOf(rate: ArrivalRate, ahtSeconds: number): number {
  requireAtLeast('rate.calls', rate.calls, 0);
  if (!(rate.intervalSeconds > 0)) throw new RangeError(`rate.intervalSeconds must be > 0, got ${rate.intervalSeconds}`);
  if (!(ahtSeconds > 0)) throw new RangeError(`ahtSeconds must be > 0, got ${ahtSeconds}`);
  return (rate.calls / rate.intervalSeconds) * ahtSeconds;
}

/**
 * Erlang B for `agents` from Erlang B for `agents − 1`: B(n) = A·B(n−1) / (n + A·B(n−1)), B(0) = 1.
 * Every step stays within [0, 1], unlike the factorial form, which overflows past ~170 agents.
 */
function nextErlangB(previous: number, agents: number, traffic: number): number {
  return (traffic * previous) / (agents + traffic * previous);
}

/** Erlang C from Erlang B: C = N·B / (N − A·(1 − B)), valid while N > A. */
function queueFigures(
  agents: number,
  traffic: number,
  erlangB: number,
  ahtSeconds: number,
  targetSeconds: number,
): ErlangCResult {
  const base = { agents, trafficErlangs: traffic };
  if (traffic === 0) return { ...base, waitProbability: 0, serviceLevel: 1, asaSeconds: 0, occupancy: 0 };
  if (agents <= traffic) return { ...base, waitProbability: 1, serviceLevel: 0, asaSeconds: Infinity, occupancy: 1 };
  const spare = agents - traffic;
  const waitProbability = (agents * erlangB) / (agents - traffic * (1 - erlangB));
  return {
    ...base,
    waitProbability,
    serviceLevel: 1 - waitProbability * Math.exp((-spare * targetSeconds) / ahtSeconds),
    asaSeconds: (waitProbability * ahtSeconds) / spare,
    occupancy: traffic / agents,
  };
}

export function erlangC(rate: ArrivalRate, ahtSeconds: number, agents: number, targetSeconds: number): ErlangCResult {
  const traffic = trafficOf(rate, ahtSeconds);
  if (!Number.isInteger(agents) || agents < 0) throw new RangeError(`agents must be a whole number ≥ 0, got ${agents}`);
  requireAtLeast('targetSeconds', targetSeconds, 0);
  let erlangB = 1;
  for (let n = 1; n <= agents; n += 1) erlangB = nextErlangB(erlangB, n, traffic);
  return queueFigures(agents, traffic, erlangB, ahtSeconds, targetSeconds);
}

/**
 * The fewest agents whose service level reaches `targetServiceLevel` (0 < target < 1), with the
 * figures at that staffing. Walks agent counts upward, extending Erlang B one step at a time.
 */
export function agentsNeeded(
  rate: ArrivalRate,
  ahtSeconds: number,
  targetServiceLevel: number,
  targetSeconds: number,
): ErlangCResult {
  const traffic = trafficOf(rate, ahtSeconds);
  if (!(targetServiceLevel > 0 && targetServiceLevel < 1)) {
    throw new RangeError(`targetServiceLevel must be between 0 and 1 exclusive, got ${targetServiceLevel}`);
  }
  requireAtLeast('targetSeconds', targetSeconds, 0);
  let agents = 0;
  let erlangB = 1; // Erlang B with no agents
  const figures = () => queueFigures(agents, traffic, erlangB, ahtSeconds, targetSeconds);
  while (figures().serviceLevel < targetServiceLevel) {
    agents += 1;
    erlangB = nextErlangB(erlangB, agents, traffic);
  }
  return figures();
}
