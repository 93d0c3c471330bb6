import t from 'tap';
import { ConfigError, DEFAULT_NUMBER_PLAN, parseConfig, type NumberPlanRule } from '@hotline/contracts';
import { checkNumberPlan } from '../src/features/outbound/number-plan.js';

t.test('the default plan: domestic mobiles and landlines, nothing international', async (t) => {
  t.match(checkNumberPlan(DEFAULT_NUMBER_PLAN, 'agent', '13812345678'), { allowed: true, rule: 'mobile' });
  t.match(checkNumberPlan(DEFAULT_NUMBER_PLAN, 'agent', '02152345678'), { allowed: true, rule: 'landline' });
  t.match(checkNumberPlan(DEFAULT_NUMBER_PLAN, 'agent', '0085212345678'), { allowed: false, reason: /outside the number plan \(mobile, landline\)/ }, 'international is off');
  t.match(checkNumberPlan(DEFAULT_NUMBER_PLAN, 'agent', '1381234567'), { allowed: false }, 'a mobile number one digit short');
  t.match(checkNumberPlan(DEFAULT_NUMBER_PLAN, 'agent', '12012345678'), { allowed: false }, 'no mobile starts 12');
  t.match(checkNumberPlan(DEFAULT_NUMBER_PLAN, 'agent', '110'), { allowed: false }, 'nor are short codes dialled');
});

t.test('rules per role', async (t) => {
  const plan: NumberPlanRule[] = [...DEFAULT_NUMBER_PLAN, { name: 'international', pattern: '^00[1-9][0-9]{6,15}$', roles: ['supervisor'] }];
  t.match(checkNumberPlan(plan, 'supervisor', '0085212345678'), { allowed: true, rule: 'international' });
  t.match(checkNumberPlan(plan, 'agent', '0085212345678'), { allowed: false, reason: 'international numbers may not be dialled by the agent role' });
  t.match(checkNumberPlan([], 'admin', '13812345678'), { allowed: false, reason: /no numbers allowed/ });
});

t.test('a plan whose pattern is no regular expression stops the service at start, naming it', async (t) => {
  const base = {
    instance: 'x', http: { port: 1 }, ari: { url: 'http://x', username: 'u', password: 'p'.repeat(8), app: 'a' }, ami: { host: 'h', port: 1, username: 'u', secret: 's'.repeat(8) },
    redis: { host: 'h', port: 1, password: 'p'.repeat(8) }, postgres: { host: 'h', port: 1, database: 'd', user: 'u', password: 'p'.repeat(8) },
    sip: { host: 'h', port: 1, trunkAddress: 't', callbackTrunk: 'h:1' }, auth: { sessionSecret: 's'.repeat(32), adminPassword: 'p'.repeat(8) },
    paths: { state: 's', asteriskRoot: 'a', chroot: 'c' }, recordings: { dir: 'd' },
  };
  t.same(parseConfig(base).outbound.numberPlan, DEFAULT_NUMBER_PLAN, 'the default applies when a deployment says nothing');
  t.throws(() => parseConfig({ ...base, outbound: { numberPlan: [{ name: 'bad', pattern: '^1[', roles: ['agent'] }] } }), ConfigError);
  t.throws(() => parseConfig({ ...base, outbound: { numberPlan: [{ name: 'bad', pattern: '^1[', roles: ['agent'] }] } }), /outbound\/numberPlan\/0\/pattern/);
});
