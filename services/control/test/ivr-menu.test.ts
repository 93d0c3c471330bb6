import t from 'tap';
import type { IvrMenu } from '@hotline/contracts';
import { menuProblems, menuTexts } from '../src/features/ivr/menu-problems.js';

const queues = new Set(['general', 'billing']);
const exists = (id: string) => queues.has(id);
const menu = (nodes: IvrMenu['nodes'], root = 'main'): IvrMenu => ({ name: 'Hotline', number: '7100', language: 'zh', root, nodes });
const main = (options: Record<string, string>, fallback = 'to-general') => ({ kind: 'menu' as const, prompt: '查询账单请按1', options, timeoutSecs: 5, retries: 2, default: fallback });

t.test('a two-level menu with an announcement and a lookup is fine', async (t) => {
  const good = menu({
    main: main({ '1': 'billing-menu', '2': 'outage', '9': 'order' }),
    'billing-menu': main({ '1': 'to-billing' }),
    outage: { kind: 'announcement', prompt: '部分地区停电', next: 'to-general' },
    order: { kind: 'lookup', prompt: '您的订单状态是', url: 'http://127.0.0.1:1/orders', fallback: '暂时无法查询', next: null },
    'to-billing': { kind: 'queue', queueId: 'billing' },
    'to-general': { kind: 'queue', queueId: 'general' },
  });
  t.same(menuProblems(good, exists), []);
  t.same(menuTexts(good), ['查询账单请按1', '查询账单请按1', '部分地区停电', '您的订单状态是', '暂时无法查询']);
});

t.test('each problem names its field', async (t) => {
  t.same(menuProblems(menu({ main: main({ '1': 'to-general' }) }, 'start'), exists), ['body/root: no node "start"', 'body/nodes/main/options/1: no node "to-general"', 'body/nodes/main/default: no node "to-general"']);
  t.same(menuProblems(menu({ main: main({ '1': 'nowhere' }), 'to-general': { kind: 'queue', queueId: 'general' } }), exists), ['body/nodes/main/options/1: no node "nowhere"'], 'a dangling branch');
  t.same(menuProblems(menu({ main: main({ '1': 'x' }), x: { kind: 'queue', queueId: 'sales' }, 'to-general': { kind: 'queue', queueId: 'general' } }), exists), ['body/nodes/x/queueId: no queue "sales"']);
  t.same(menuProblems(menu({ main: main({ '1': 'to-general' }), 'to-general': { kind: 'queue', queueId: 'general' }, stray: { kind: 'queue', queueId: 'billing' } }), exists), ['body/nodes/stray: not reachable from the root']);
});

t.test('no loops: a caller can never be sent round for ever', async (t) => {
  const looped = menu({
    main: main({ '1': 'notice' }),
    notice: { kind: 'announcement', prompt: '通知', next: 'main' },
    'to-general': { kind: 'queue', queueId: 'general' },
  });
  t.same(menuProblems(looped, exists), ['body/nodes/notice/next: leads back to "main", a loop']);
  const self = menu({ main: main({ '1': 'main' }), 'to-general': { kind: 'queue', queueId: 'general' } });
  t.same(menuProblems(self, exists), ['body/nodes/main/options/1: leads back to "main", a loop']);
});
