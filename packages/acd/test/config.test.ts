import t from 'tap';
import { resolveQueue } from '../src/config.js';
import { Acd } from '../src/index.js';
import type { QueueConfig } from '../src/index.js';
import { agent, makeAcd, queue } from './fixtures/acd.js';

const billing = queue('billing', 'billing');

t.test('defaults fill what the admin left out', async (t) => {
  t.same(resolveQueue(billing), {
    id: 'billing',
    skills: [{ skill: 'billing', steps: [{ afterMs: 0, minLevel: 1 }] }],
    strategy: 'longest-idle',
    weight: 0,
    maxWaiting: Infinity,
    maxWaitMs: Infinity,
    overflow: { kind: 'voicemail' },
    ringTimeoutMs: 15_000,
    wrapUpMs: 0,
  });
});

t.test('seconds become milliseconds and expansion becomes steps from 0', async (t) => {
  const resolved = resolveQueue({
    id: 'sales',
    skills: [{ skill: 'sales', minLevel: 7, expansion: [{ afterSeconds: 20, minLevel: 4 }, { afterSeconds: 60, minLevel: 1 }] }],
    strategy: 'best-skill',
    weight: 3,
    maxWaiting: 5,
    maxWaitSeconds: 120,
    overflow: { kind: 'queue', queueId: 'billing' },
    ringTimeoutSeconds: 20,
    wrapUpSeconds: 30,
  });
  t.same(resolved.skills[0]?.steps, [
    { afterMs: 0, minLevel: 7 },
    { afterMs: 20_000, minLevel: 4 },
    { afterMs: 60_000, minLevel: 1 },
  ]);
  t.match(resolved, { strategy: 'best-skill', weight: 3, maxWaiting: 5, maxWaitMs: 120_000, ringTimeoutMs: 20_000, wrapUpMs: 30_000 });
  t.same(resolved.overflow, { kind: 'queue', queueId: 'billing' });
  t.same(resolveQueue({ ...billing, overflow: { kind: 'goodbye' } }).overflow, { kind: 'goodbye' });
});

t.test('bad queue config is refused with the field named', async (t) => {
  const cases: [string, Partial<QueueConfig> & Record<string, unknown>, RegExp][] = [
    ['empty id', { id: '' }, /queue\.id must be a non-empty string/],
    ['no skills', { skills: [] }, /skills must name at least one skill/],
    ['blank skill', { skills: [{ skill: '', minLevel: 1 }] }, /skills\[0\]\.skill must be/],
    ['repeated skill', { skills: [{ skill: 'a', minLevel: 1 }, { skill: 'a', minLevel: 2 }] }, /skills\[1\]\.skill repeats a/],
    ['level 0', { skills: [{ skill: 'a', minLevel: 0 }] }, /skills\[0\]\.minLevel must be an integer 1–10/],
    ['level 11', { skills: [{ skill: 'a', minLevel: 11 }] }, /minLevel must be an integer 1–10/],
    ['fractional level', { skills: [{ skill: 'a', minLevel: 2.5 }] }, /minLevel must be an integer/],
    ['step at 0', { skills: [{ skill: 'a', minLevel: 5, expansion: [{ afterSeconds: 0, minLevel: 3 }] }] }, /expansion\[0\]\.afterSeconds must increase/],
    ['negative step', { skills: [{ skill: 'a', minLevel: 5, expansion: [{ afterSeconds: -5, minLevel: 3 }] }] }, /expansion\[0\]\.afterSeconds must be a number ≥ 0/],
    [
      'steps out of order',
      { skills: [{ skill: 'a', minLevel: 9, expansion: [{ afterSeconds: 30, minLevel: 5 }, { afterSeconds: 10, minLevel: 3 }] }] },
      /expansion\[1\]\.afterSeconds must increase/,
    ],
    ['step raises the level', { skills: [{ skill: 'a', minLevel: 4, expansion: [{ afterSeconds: 10, minLevel: 6 }] }] }, /expansion\[0\]\.minLevel must be an integer 1–4/],
    ['step level 0', { skills: [{ skill: 'a', minLevel: 4, expansion: [{ afterSeconds: 10, minLevel: 0 }] }] }, /expansion\[0\]\.minLevel/],
    ['unknown strategy', { strategy: 'random' as never }, /strategy must be one of longest-idle, best-skill/],
    ['infinite weight', { weight: Infinity }, /weight must be a finite number/],
    ['maxWaiting 0', { maxWaiting: 0 }, /maxWaiting must be an integer ≥ 1/],
    ['maxWaiting 1.5', { maxWaiting: 1.5 }, /maxWaiting must be an integer ≥ 1/],
    ['maxWaitSeconds 0', { maxWaitSeconds: 0 }, /maxWaitSeconds must be a number ≥ 1/],
    ['NaN ring timeout', { ringTimeoutSeconds: NaN }, /ringTimeoutSeconds must be a number ≥ 1/],
    ['negative wrap-up', { wrapUpSeconds: -1 }, /wrapUpSeconds must be a number ≥ 0/],
    ['unknown overflow kind', { overflow: { kind: 'ivr' } as never }, /overflow\.kind must be 'queue', 'voicemail' or 'goodbye'/],
    ['overflow to itself', { overflow: { kind: 'queue', queueId: 'billing' } }, /overflow\.queueId must name another queue/],
    ['overflow to blank', { overflow: { kind: 'queue', queueId: '' } }, /overflow\.queueId must be a non-empty string/],
  ];
  for (const [name, change, message] of cases) {
    t.throws(() => resolveQueue({ ...billing, ...change }), { name: 'AcdError', code: 'INVALID_CONFIG', message }, name);
  }
});

t.test('the engine refuses inconsistent configuration as a whole', async (t) => {
  t.throws(() => makeAcd({ queues: [billing, billing] }), { code: 'INVALID_CONFIG', message: 'queue billing: id repeats' });
  t.throws(() => makeAcd({ agents: [agent('a1', {}), agent('a1', {})] }), { code: 'INVALID_CONFIG', message: 'agent a1: id repeats' });
  t.throws(() => makeAcd({ queues: [queue('q', 's', { overflow: { kind: 'queue', queueId: 'nowhere' } })] }), {
    code: 'INVALID_CONFIG',
    message: 'queue q: overflow.queueId names unknown queue nowhere',
  });
  t.throws(() => makeAcd({ agents: [agent('a1', { billing: 11 })] }), { code: 'INVALID_CONFIG', message: /agent a1: skills\.billing must be an integer 1–10/ });
  t.throws(() => makeAcd({ agents: [agent('', {})] }), { code: 'INVALID_CONFIG', message: /agent\.id must be a non-empty string/ });
  t.throws(() => makeAcd({ notReadyReasons: ['break', ''] }), { code: 'INVALID_CONFIG', message: /notReadyReasons\[1\] must be a non-empty string/ });
  t.throws(() => makeAcd({ notReadyReasons: ['missed call'] }), { code: 'INVALID_CONFIG', message: /'missed call' is set by the engine only/ });
  t.throws(() => makeAcd({ notReadyReasons: ['device offline'] }), { code: 'INVALID_CONFIG' });
  t.ok(new Acd({ queues: [queue('a', 'x', { overflow: { kind: 'queue', queueId: 'b' } }), queue('b', 'x')], agents: [] }, 0), 'queues may overflow to a queue listed later');
});
