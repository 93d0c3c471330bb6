// Login timing: does an unknown username answer faster than a wrong password (username
// enumeration by timing)? Both go through the real route (schema, throttle, user lookup in
// PostgreSQL, scrypt), interleaved in one run, each from an address of its own so the throttle
// never answers instead. Ends by itself; writes nothing.
//
//   HOTLINE_CONFIG=.hotline/dev/hotline.json npx tsx bench/login-timing.ts [rounds]
import { performance } from 'node:perf_hooks';
import { loadConfig } from '@hotline/contracts';
import { buildApp } from '../services/control/src/app.js';

const rounds = Number(process.argv[2] ?? 41);
// One account may fail 50 times in the throttle's window before it answers 429 instead.
if (!(rounds >= 1 && rounds <= 49)) throw new Error('rounds: 1 to 49 (the throttle allows 50 failures per account)');
const app = await buildApp({ ...loadConfig(), logLevel: 'silent' });
await app.ready();
const timed = async (username: string, round: number) => {
  const start = performance.now();
  const res = await app.inject({ method: 'POST', url: '/auth/login', payload: { username, password: 'not-the-password' }, remoteAddress: `198.51.100.${round % 250}` });
  if (res.statusCode !== 401) throw new Error(`${username}: expected 401, got ${res.statusCode}`);
  return performance.now() - start;
};
const known: number[] = [];
const unknown: number[] = [];
for (let round = 0; round < rounds; round++) {
  // Each round from its own (never sent) address: the per-address limit never applies.
  known.push(await timed('admin', round));
  unknown.push(await timed(`nobody-${round}`, round + 1));
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const [k, u] = [median(known), median(unknown)];
console.log(`login, wrong password for a known user: median ${k.toFixed(1)} ms; unknown user: median ${u.toFixed(1)} ms; unknown ÷ known ${(u / k).toFixed(2)}× (${rounds} rounds each, interleaved)`);
await app.close();
