import t from 'tap';
import { toAgentConfig, toQueueConfig } from '../src/features/routing/acd-config.js';
import { demoAgents, demoQueues } from '../src/demo/demo-config.js';

t.test('a stored queue maps onto the routing engine, expansion never raising a level', async (t) => {
  const billing = demoQueues.find((q) => q.id === 'billing');
  if (!billing) throw new Error('demo billing queue missing');
  t.same(toQueueConfig({ ...billing, expansion: [{ afterSecs: 30, minLevel: 9 }, { afterSecs: 60, minLevel: 4 }] }), {
    id: 'billing',
    strategy: 'longest-idle',
    weight: 2,
    maxWaiting: 50,
    maxWaitSeconds: 600,
    overflow: { kind: 'queue', queueId: 'general' },
    ringTimeoutSeconds: 15,
    wrapUpSeconds: 10,
    skills: [{ skill: 'billing', minLevel: 7, expansion: [{ afterSeconds: 30, minLevel: 7 }, { afterSeconds: 60, minLevel: 4 }] }],
  });
});

t.test('agent skills become a skill → level map', async (t) => {
  const alice = demoAgents[0];
  if (!alice) throw new Error('demo agents missing');
  t.same(toAgentConfig(alice), { id: '1001', skills: { general: 8, billing: 7 } });
});
