import t from 'tap';
import { login, seedTestData, startControl, testConfig } from './helpers/stack.js';

// Hostile and malformed input against every route the API documents: only 4xx, never a 5xx,
// and the service is still healthy afterwards.
const config = testConfig();
const credentials = await seedTestData(config);
const app = await startControl(config);
t.teardown(() => app.close());
const admin = { authorization: `Bearer ${await login(app, 'admin', credentials.admin.password)}` };

/** A small deterministic PRNG, so a failure can be replayed. */
function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let r = Math.imul(s ^ (s >>> 15), 1 | s);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const HOSTILE: unknown[] = [
  null, true, -1, 0, 1e308, Number.MAX_SAFE_INTEGER + 2, '', ' ', 'x'.repeat(100_000), '../../../../etc/passwd', '..%2f..%2fetc%2fpasswd',
  "'; DROP TABLE calls; --", '" OR 1=1 --', '%00', '\u0000', '😀'.repeat(50), '<script>alert(1)</script>', '${7*7}', '{{7*7}}',
  [], [1, 2, 3], {}, { $ne: null }, { __proto__: { admin: true } }, '2026-13-45T99:99:99Z', 'NaN', '1e999', '-0', '0x1F',
  '2147483648', '1e20', 'Infinity', '-Infinity',
];
const PATH_VALUES = ['..', '%2e%2e%2f%2e%2e%2fetc%2fpasswd', "1'%20OR%20'1'='1", 'x'.repeat(2000), '%00', '-1', '99999999999999999999', 'not-a-uuid', '6f1c2f5e-3b1e-4d38-9a52-0d7a6c1e2b10'];

interface Operation {
  method: string;
  path: string;
  params: string[];
  body: boolean;
  query: string[];
}

async function operations(): Promise<Operation[]> {
  const spec = (await app.inject({ method: 'GET', url: '/docs/json' })).json() as {
    paths: Record<string, Record<string, { parameters?: { in: string; name: string }[]; requestBody?: unknown }>>;
  };
  return Object.entries(spec.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      params: (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name),
      query: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
      body: op.requestBody !== undefined,
    })),
  );
}

t.test('every documented route answers hostile input with a 4xx (or a success), never a 5xx', async (t) => {
  const random = prng(20261123);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  // Logout would end the admin session the fuzzing runs on.
  const ops = (await operations()).filter((op) => op.path !== '/docs' && !op.path.startsWith('/docs/') && op.path !== '/auth/logout');
  t.ok(ops.length >= 30, `${ops.length} operations from the OpenAPI document`);
  const failures: string[] = [];
  let sent = 0;
  for (const op of ops) {
    // Supervision would ring phones and deleting calls ends them: hostile input only, never a valid target.
    for (let i = 0; i < 25; i++) {
      const url = op.path.replace(/\{(\w+)\}/g, () => pick(PATH_VALUES));
      const query = op.query.map((name) => `${name}=${encodeURIComponent(String(pick(HOSTILE)))}`).join('&');
      const body = random() < 0.3 ? pick(HOSTILE) : Object.fromEntries(op.query.concat(['state', 'mode', 'name', 'code', 'skills', 'number', 'paused']).map((k) => [k, pick(HOSTILE)]));
      const res = await app.inject({
        method: op.method as 'GET',
        url: query ? `${url}?${query}` : url,
        headers: { ...admin, ...(random() < 0.2 ? { 'content-type': pick(['text/csv', 'application/xml', 'application/json; charset=utf-16']) } : {}) },
        ...(op.body || random() < 0.2 ? { payload: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
      });
      sent++;
      if (res.statusCode >= 500) failures.push(`${op.method} ${url.slice(0, 80)} → ${res.statusCode} ${res.body.slice(0, 200)}`);
    }
  }
  t.same(failures, [], `${sent} hostile requests, no server error`);
  const health = await app.inject({ method: 'GET', url: '/healthz' });
  t.equal(health.statusCode, 200, 'and the service is still healthy');
});

t.test('path traversal in recording ids never reaches the filesystem', async (t) => {
  for (const id of ['..%2f..%2f..%2fetc%2fpasswd', '%2e%2e', '....//....//etc//passwd']) {
    const res = await app.inject({ method: 'GET', url: `/recordings/${id}/audio`, headers: admin });
    t.ok(res.statusCode === 400 || res.statusCode === 404, `${id} → ${res.statusCode}`);
    t.notMatch(res.body, /root:/);
  }
});

t.test('inputs that once reached the database or the math as 500s get a 400 naming the field', async (t) => {
  const cases: [string, string, object | undefined, RegExp][] = [
    ['POST', '/auth/login', { username: 'adm\u0000in', password: 'x' }, /username/],
    ['GET', '/reports/kpi?from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z&definitionVersion=2147483648', undefined, /definitionVersion/],
    ['GET', '/reports/kpi?from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z&definitionVersion=1e20', undefined, /definitionVersion/],
    ['GET', '/reports/erlang-c?calls=Infinity&intervalSecs=900&ahtSecs=180&agents=10&targetSecs=20', undefined, /calls/],
    ['GET', '/reports/erlang-c?calls=100&intervalSecs=900&ahtSecs=NaN&agents=10&targetSecs=20', undefined, /ahtSecs/],
  ];
  for (const [method, url, payload, field] of cases) {
    const res = await app.inject({ method: method as 'GET', url, headers: admin, ...(payload ? { payload } : {}) });
    t.equal(res.statusCode, 400, `${method} ${url.slice(0, 90)} → 400`);
    t.match(res.json().message, field, 'names the field');
  }
});
