/** Delay before reconnect attempt `n` (0-based): doubling from `initialMs`, capped, with jitter. */
export function backoffDelay(attempt: number, initialMs = 250, maxMs = 10_000, random = Math.random): number {
  const exp = Math.min(maxMs, initialMs * 2 ** Math.min(attempt, 20));
  return Math.round(exp / 2 + random() * (exp / 2));
}
