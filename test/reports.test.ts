import t from 'tap';
import { createPool } from '@hotline/db';
import { KPI_DEFINITION_V1 } from '@hotline/kpi';
import { AGENT_A, AGENT_B, PERIOD, SALES, SUPPORT, TEAM_OF, UTC_OFFSET_MINUTES, seedKpiDay } from './fixtures/kpi-day.js';
import { login, seedTestData, startControl, testConfig } from './helpers/stack.js';

// KPI reports over a seeded day (test/fixtures/kpi-day.ts): every figure below is computed by hand
// from the table of calls and intervals there, then compared with what the API computes from PostgreSQL.
const config = testConfig();
const credentials = await seedTestData(config);
const pool = createPool(config.postgres, 2);
const agentPassword = await seedKpiDay(pool);
const app = await startControl(config);
t.teardown(async () => {
  await pool.end();
  await app.close();
});
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const admin = bearer(await login(app, 'admin', credentials.admin.password));
const supervisor = bearer(await login(app, 'supervisor', credentials.supervisor.password));
const agentA = bearer(await login(app, AGENT_A, agentPassword));

const day = `from=${encodeURIComponent(PERIOD.from)}&to=${encodeURIComponent(PERIOD.to)}&utcOffsetMinutes=${UTC_OFFSET_MINUTES}`;
// The seeded agents are in teams of their own: the whole day is an admin's view (a supervisor sees their team's).
const kpi = (query: string, headers: Record<string, string> = admin) => app.inject({ method: 'GET', url: `/reports/kpi?${day}&${query}`, headers });

interface Row {
  group: string | null;
  bucketStart: string | null;
  bucketEnd: string | null;
  figures: Record<string, number | null>;
}
const rowsOf = async (query: string) => {
  const res = await kpi(query);
  if (res.statusCode !== 200) throw new Error(`GET /reports/kpi?${query}: ${res.statusCode} ${res.body}`);
  return (res.json() as { rows: Row[] }).rows;
};

const NO_CALLBACKS_OR_OUTBOUND = {
  callbacksRequested: 0, callbacksCompleted: 0, callbacksFailed: 0, callbackCompletionRate: null, callbackSpeedSeconds: null,
  outboundCalls: 0, outboundConnected: 0, outboundConnectRate: null, outboundTalkSeconds: null,
};

// The day under V1 (SL within 20 s of offered, short abandon < 5 s left out, FCR 24 h).
// Answered c1 c2 c5 c6 c7 c9 c10; handled (talk + hold + wrap-up): c1 350, c2 220, c5 130, c6 120, c7 60, c9 105, c10 265.
const TOTAL = {
  offered: 9, // every call of the day but c4, a short abandon
  answered: 7,
  abandoned: 1, // c3
  shortAbandoned: 1, // c4
  overflowed: 1, // c8
  voicemail: 0,
  blocked: 0,
  serviceLevel: 5 / 9, // c1 10 s, c5 15 s, c6 5 s, c9 8 s, c10 20 s; not c2 30 s, c7 50 s
  asaSeconds: (10 + 30 + 15 + 5 + 50 + 8 + 20) / 7,
  ahtSeconds: (350 + 220 + 130 + 120 + 60 + 105 + 265) / 7,
  averageWrapUpSeconds: (30 + 20 + 10 + 10 + 0 + 15 + 25) / 7,
  abandonRate: 1 / 9,
  longestWaitSeconds: 120, // c8
  estimateErrorSeconds: null, // no caller heard an estimate
  fcrRate: 5 / 7, // c1 repeated by c5 (N1), c2 by the next morning's x2 (N2)
  fcrPending: 0, // the day is long past
  occupancy: (120 + 60) / (240 + 300), // A handled 120 of 240 staffed minutes, B 60 of 300
  callsPerAgent: 7 / 2,
  csatAverage: (5 + 2) / 2, // c1, c2
  csatSatisfiedRate: 1 / 2,
  nps: (100 * (2 - 1)) / 3, // c6 10 and c7 9 promote, c5 3 detracts
  surveyOfferRate: 6 / 7, // all answered but c10
  surveyResponseRate: 5 / 6, // c9 did not answer
  ...NO_CALLBACKS_OR_OUTBOUND, // nobody asked for a callback, nobody dialled out
};

const QUEUE_SALES = {
  offered: 4, // c1 c2 c3 c10 (c4 is short)
  answered: 3,
  abandoned: 1,
  shortAbandoned: 1,
  overflowed: 0,
  voicemail: 0,
  blocked: 0,
  serviceLevel: 2 / 4, // c1, c10
  asaSeconds: (10 + 30 + 20) / 3,
  ahtSeconds: (350 + 220 + 265) / 3,
  averageWrapUpSeconds: (30 + 20 + 25) / 3,
  abandonRate: 1 / 4,
  longestWaitSeconds: 45, // c3
  estimateErrorSeconds: null, // no caller heard an estimate
  fcrRate: 1 / 3, // c1 and c2 repeated, c10 resolved
  fcrPending: 0,
  occupancy: null, // agent time cannot be split between queues
  callsPerAgent: 3 / 2,
  csatAverage: 7 / 2,
  csatSatisfiedRate: 1 / 2,
  nps: null,
  surveyOfferRate: 2 / 3,
  surveyResponseRate: 1,
  ...NO_CALLBACKS_OR_OUTBOUND, // nobody asked for a callback, nobody dialled out
};

const QUEUE_SUPPORT = {
  offered: 5, // c5 c6 c7 c8 c9
  answered: 4,
  abandoned: 0,
  shortAbandoned: 0,
  overflowed: 1,
  voicemail: 0,
  blocked: 0,
  serviceLevel: 3 / 5, // c5, c6, c9
  asaSeconds: (15 + 5 + 50 + 8) / 4,
  ahtSeconds: (130 + 120 + 60 + 105) / 4,
  averageWrapUpSeconds: (10 + 10 + 0 + 15) / 4,
  abandonRate: 0,
  longestWaitSeconds: 120,
  estimateErrorSeconds: null, // no caller heard an estimate
  fcrRate: 1,
  fcrPending: 0,
  occupancy: null,
  callsPerAgent: 4 / 2,
  csatAverage: null,
  csatSatisfiedRate: null,
  nps: (100 * (2 - 1)) / 3,
  surveyOfferRate: 1,
  surveyResponseRate: 3 / 4,
  ...NO_CALLBACKS_OR_OUTBOUND, // nobody asked for a callback, nobody dialled out
};

const UNANSWERED = {
  offered: 2, // c3, c8 (c4 is short)
  answered: 0,
  abandoned: 1,
  shortAbandoned: 1,
  overflowed: 1,
  voicemail: 0,
  blocked: 0,
  serviceLevel: 0,
  asaSeconds: null,
  ahtSeconds: null,
  averageWrapUpSeconds: null,
  abandonRate: 1 / 2,
  longestWaitSeconds: 120,
  estimateErrorSeconds: null, // no caller heard an estimate
  fcrRate: null,
  fcrPending: 0,
  occupancy: null,
  callsPerAgent: null,
  csatAverage: null,
  csatSatisfiedRate: null,
  nps: null,
  surveyOfferRate: null,
  surveyResponseRate: null,
  ...NO_CALLBACKS_OR_OUTBOUND, // nobody asked for a callback, nobody dialled out
};

const BY_A = {
  offered: 4, // c1 c5 c7 c10
  answered: 4,
  abandoned: 0,
  shortAbandoned: 0,
  overflowed: 0,
  voicemail: 0,
  blocked: 0,
  serviceLevel: 3 / 4, // all but c7
  asaSeconds: (10 + 15 + 50 + 20) / 4,
  ahtSeconds: (350 + 130 + 60 + 265) / 4,
  averageWrapUpSeconds: (30 + 10 + 0 + 25) / 4,
  abandonRate: 0,
  longestWaitSeconds: 50,
  estimateErrorSeconds: null, // no caller heard an estimate
  fcrRate: 3 / 4, // c1 repeated
  fcrPending: 0,
  occupancy: 120 / 240, // on-call 60 + wrap-up 30 + reserved 30 of 240 staffed minutes
  callsPerAgent: 4,
  csatAverage: 5,
  csatSatisfiedRate: 1,
  nps: 0, // c7 9 promotes, c5 3 detracts
  surveyOfferRate: 3 / 4,
  surveyResponseRate: 1,
  ...NO_CALLBACKS_OR_OUTBOUND, // nobody asked for a callback, nobody dialled out
};

const BY_B = {
  offered: 3, // c2 c6 c9
  answered: 3,
  abandoned: 0,
  shortAbandoned: 0,
  overflowed: 0,
  voicemail: 0,
  blocked: 0,
  serviceLevel: 2 / 3, // c6, c9
  asaSeconds: (30 + 5 + 8) / 3,
  ahtSeconds: (220 + 120 + 105) / 3,
  averageWrapUpSeconds: (20 + 10 + 15) / 3,
  abandonRate: 0,
  longestWaitSeconds: 30,
  estimateErrorSeconds: null, // no caller heard an estimate
  fcrRate: 2 / 3, // c2 repeated
  fcrPending: 0,
  occupancy: 60 / 300, // on-call 40 + wrap-up 20 of 300 staffed minutes (the open 23:00 Ready clipped at midnight)
  callsPerAgent: 3,
  csatAverage: 2,
  csatSatisfiedRate: 0,
  nps: 100,
  surveyOfferRate: 1,
  surveyResponseRate: 2 / 3,
  ...NO_CALLBACKS_OR_OUTBOUND, // nobody asked for a callback, nobody dialled out
};

const whole = (group: string | null, figures: object) => ({ group, bucketStart: null, bucketEnd: null, figures });

t.test('the whole day, per queue, per agent and per team, under definition 1', async (t) => {
  t.strictSame(await rowsOf('definitionVersion=1'), [whole(null, TOTAL)], 'x1 (the day before) and x2 (the day after) are not reported');
  t.strictSame(await rowsOf('definitionVersion=1&groupBy=queue'), [whole(SALES, QUEUE_SALES), whole(SUPPORT, QUEUE_SUPPORT)]);
  t.strictSame(await rowsOf('definitionVersion=1&groupBy=agent'), [whole(null, UNANSWERED), whole(AGENT_A, BY_A), whole(AGENT_B, BY_B)]);
  t.strictSame(
    await rowsOf('definitionVersion=1&groupBy=team'),
    [whole(null, UNANSWERED), whole(TEAM_OF[AGENT_A], BY_A), whole(TEAM_OF[AGENT_B], BY_B)],
    'one agent per team, so each team has its agent\'s figures',
  );
  t.strictSame(await rowsOf(`definitionVersion=1&groupBy=agent&queueId=${SUPPORT}`).then((rows) => rows.map((r) => [r.group, r.figures.offered, r.figures.fcrRate, r.figures.occupancy])), [
    [null, 1, null, null], // c8
    [AGENT_A, 2, 1, null], // c5 c7, resolved; agent time is left out with a queue filter
    [AGENT_B, 2, 1, null], // c6 c9
  ]);

  const report = (await kpi('definitionVersion=1')).json();
  t.strictSame(report.definition, KPI_DEFINITION_V1, 'the report states the definition it used, the same as packages/kpi\'s V1');
  t.strictSame(report.period, { from: '2001-02-03T00:00:00+08:00', to: '2001-02-04T00:00:00+08:00' });
});

t.test('buckets follow the local day at the given offset', async (t) => {
  t.strictSame(await rowsOf('definitionVersion=1&bucket=day'), [{ group: null, bucketStart: '2001-02-03T00:00:00+08:00', bucketEnd: '2001-02-04T00:00:00+08:00', figures: TOTAL }]);
  const hours = await rowsOf('definitionVersion=1&bucket=60m');
  t.equal(hours.length, 24, 'agent time (logged-out included) touches every hour of the day');
  t.equal(hours.reduce((total, row) => total + (row.figures.offered ?? 0), 0), 9, 'the hours add up to the day');
  const hour = (start: string) => hours.find((row) => row.bucketStart === `2001-02-03T${start}:00+08:00`)?.figures;
  t.match(hour('09:00'), {
    offered: 3, // c1 c2 c3 (c4 short)
    answered: 2,
    abandoned: 1,
    shortAbandoned: 1,
    serviceLevel: 1 / 3, // c1
    occupancy: 60 / 120, // A on a call all hour, B ready all hour
  });
  t.match(hour('10:00'), {
    offered: 2, // c5 c6
    serviceLevel: 1,
    occupancy: (30 + 40 + 20) / 120, // A wrap-up 30 then not ready 30; B on-call 40, wrap-up 20
  });
  t.match(hour('23:00'), { offered: 0, occupancy: 0 }, 'B ready, no calls');
});

t.test('the CSV export has the same rows and states the definition on every line', async (t) => {
  const res = await kpi('definitionVersion=1&groupBy=queue&format=csv');
  t.equal(res.statusCode, 200);
  t.match(res.headers['content-type'], /^text\/csv/);
  t.equal(res.headers['content-disposition'], 'attachment; filename="kpi-queue-2001-02-03-v1.csv"');
  const [header, ...lines] = res.body.trimEnd().split('\r\n').map((line) => line.split(','));
  const records = lines.map((cells) => Object.fromEntries((header ?? []).map((name, i) => [name, cells[i]])));
  const snake = (name: string) => name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
  const asCsv = (queueId: string, figures: Record<string, number | null>) => ({
    queue_id: queueId,
    ...Object.fromEntries(Object.entries(figures).map(([name, value]) => [snake(name), value === null ? '' : String(value)])),
    definition_version: '1',
    definition_sl_threshold_seconds: '20',
    definition_short_abandon_seconds: '5',
    definition_short_abandons_count_as_offered: 'false',
    definition_fcr_window_hours: '24',
    definition_sl_formula: 'answered-within / offered',
    definition_occupancy_counts_reserved: 'true',
  });
  t.strictSame(records, [asCsv(SALES, QUEUE_SALES), asCsv(SUPPORT, QUEUE_SUPPORT)]);
});

t.test('a new definition version recomputes the same stored day', async (t) => {
  const { version: _v1, ...v1Rules } = KPI_DEFINITION_V1;
  const bySupervisor = await app.inject({ method: 'POST', url: '/reports/definitions', headers: supervisor, payload: { ...v1Rules, slThresholdSeconds: 10 } });
  t.equal(bySupervisor.statusCode, 403, 'only admins define KPIs');
  const bad = await app.inject({ method: 'POST', url: '/reports/definitions', headers: admin, payload: { ...v1Rules, slFormula: 'whatever works' } });
  t.equal(bad.statusCode, 400);
  t.match(bad.json().message, /slFormula/);
  const created = await app.inject({ method: 'POST', url: '/reports/definitions', headers: admin, payload: { ...v1Rules, slThresholdSeconds: 10 } });
  t.equal(created.statusCode, 201);
  const v2 = created.json() as { version: number; slThresholdSeconds: number; createdBy: string };
  t.ok(v2.version >= 2, 'the next version number');
  t.match(v2, { slThresholdSeconds: 10, createdBy: 'admin' });

  const listed = (await app.inject({ method: 'GET', url: '/reports/definitions', headers: supervisor })).json() as { version: number }[];
  t.match(listed[0], { ...KPI_DEFINITION_V1, createdBy: 'migration' }, 'version 1 is packages/kpi\'s V1');
  t.equal(listed.at(-1)?.version, v2.version);

  const [underV2] = await rowsOf(`definitionVersion=${v2.version}`);
  t.strictSame(underV2?.figures, { ...TOTAL, serviceLevel: 3 / 9 }, 'within 10 s: c1 10 s, c6 5 s, c9 8 s; nothing else changes');
  const [underV1] = await rowsOf('definitionVersion=1');
  t.equal(underV1?.figures.serviceLevel, 5 / 9, 'version 1 still gives its own figure');
  const [latest] = await rowsOf('');
  t.equal(latest?.figures.serviceLevel, 3 / 9, 'without definitionVersion the latest applies');
});

t.test('who may read which report', async (t) => {
  t.equal((await kpi('groupBy=agent', {})).statusCode, 401, 'anonymous');
  const cases: [string, number][] = [
    ['groupBy=none', 403],
    ['groupBy=queue', 403],
    ['groupBy=agent', 403],
    [`groupBy=agent&agentId=${AGENT_B}`, 403],
    [`groupBy=team&agentId=${AGENT_A}`, 403],
    [`groupBy=agent&agentId=${AGENT_A}`, 200],
  ];
  for (const [query, status] of cases) t.equal((await kpi(query, agentA)).statusCode, status, `an agent asking ${query} → ${status}`);
  t.strictSame((await kpi(`definitionVersion=1&groupBy=agent&agentId=${AGENT_A}`, agentA)).json().rows, [whole(AGENT_A, BY_A)], 'an agent sees its own figures');
  t.equal((await kpi('groupBy=none', admin)).statusCode, 200, 'admins read every report');
  const front = await kpi(`definitionVersion=1&groupBy=agent&agentId=${AGENT_A}`, supervisor);
  t.equal(front.statusCode, 403, "a supervisor of another team may not name the agent");
  t.match(front.json().message, /agentId/);
  const ofFront = (await kpi('definitionVersion=1&groupBy=agent', supervisor)).json() as { rows: Row[] };
  t.notOk(ofFront.rows.some((r) => r.group === AGENT_A || r.group === AGENT_B), "per-agent rows leave out other teams' agents");
  const teams = (await kpi('definitionVersion=1&groupBy=team', supervisor)).json() as { rows: Row[] };
  t.ok(teams.rows.every((r) => r.group === 'front-line'), 'per-team rows show only their own team');
  t.strictSame((await kpi('definitionVersion=1&groupBy=queue', supervisor)).json().rows, (await kpi('definitionVersion=1&groupBy=queue')).json().rows, 'queue figures are the same for both');
  for (const url of ['/reports/definitions', '/reports/erlang-c?calls=1&intervalSecs=60&ahtSecs=60&agents=1&targetSecs=20']) {
    t.equal((await app.inject({ method: 'GET', url, headers: agentA })).statusCode, 403, `agents may not GET ${url}`);
  }
});

t.test('bad report requests are refused naming the field', async (t) => {
  const refused = async (url: string, status: number, field: RegExp) => {
    const res = await app.inject({ method: 'GET', url, headers: supervisor });
    t.equal(res.statusCode, status, url);
    t.match(res.json().message, field, `${url} names ${field}`);
  };
  const backwards = `from=${encodeURIComponent(PERIOD.to)}&to=${encodeURIComponent(PERIOD.from)}`;
  await refused(`/reports/kpi?${backwards}`, 400, /querystring\/from/);
  await refused(`/reports/kpi?from=${encodeURIComponent(PERIOD.from)}&to=2002-02-05T00:00:00%2B08:00`, 400, /querystring\/to.*366 days/);
  await refused(`/reports/kpi?to=${encodeURIComponent(PERIOD.to)}`, 400, /from/);
  await refused(`/reports/kpi?from=yesterday&to=${encodeURIComponent(PERIOD.to)}`, 400, /from/);
  await refused(`/reports/kpi?${day}&bucket=fortnight`, 400, /bucket/);
  await refused(`/reports/kpi?${day}&groupBy=planet`, 400, /groupBy/);
  await refused(`/reports/kpi?${day}&definitionVersion=999999`, 404, /definitionVersion.*999999/);
  await refused('/reports/erlang-c?calls=100&intervalSecs=0&ahtSecs=180&agents=14&targetSecs=20', 400, /intervalSecs/);
  await refused('/reports/staffing?calls=1000000&intervalSecs=1&ahtSecs=3600&targetServiceLevel=0.8&targetSecs=20', 400, /calls/);
  await refused('/reports/staffing?calls=100&intervalSecs=1800&ahtSecs=180&targetServiceLevel=1&targetSecs=20', 400, /targetServiceLevel/);
});

t.test('Erlang C: the reference vector and the staffing it implies', async (t) => {
  const get = async (url: string) => (await app.inject({ method: 'GET', url, headers: supervisor })).json();
  const load = 'calls=100&intervalSecs=1800&ahtSecs=180&targetSecs=20';
  const fourteen = await get(`/reports/erlang-c?${load}&agents=14`);
  t.equal(fourteen.trafficErlangs, 10, '100 calls per 30 min × 180 s');
  t.ok(Math.abs(fourteen.waitProbability - 0.174) < 0.0005, `P(wait) ≈ 0.174 (${fourteen.waitProbability})`);
  t.ok(Math.abs(fourteen.serviceLevel - 0.888) < 0.0005, `SL ≈ 0.888 (${fourteen.serviceLevel})`);
  t.ok(Math.abs(fourteen.asaSeconds - 7.84) < 0.005, `ASA ≈ 7.84 s (${fourteen.asaSeconds})`);
  const thirteen = await get(`/reports/erlang-c?${load}&agents=13`);
  t.ok(thirteen.serviceLevel < 0.8, `13 agents fall short of 80 % (${thirteen.serviceLevel})`);
  t.match(await get(`/reports/staffing?${load}&targetServiceLevel=0.8`), { agents: 14, serviceLevel: fourteen.serviceLevel });
  t.match(await get(`/reports/erlang-c?${load}&agents=10`), { waitProbability: 1, serviceLevel: 0, asaSeconds: null }, 'no more agents than traffic: the queue never clears');
});

t.test('the OpenAPI document states the KPI definitions', async (t) => {
  const spec = (await app.inject({ method: 'GET', url: '/docs/json' })).json() as { paths: Record<string, { get?: { description?: string } }> };
  const description = spec.paths['/reports/kpi']?.get?.description ?? '';
  for (const rule of [/Service level.*slFormula.*answered-within \/ offered/s, /Short abandon.*shortAbandonSeconds.*5 s/s, /FCR.*fcrWindowHours.*24 h/s]) {
    t.match(description, rule);
  }
  for (const path of ['/reports/definitions', '/reports/erlang-c', '/reports/staffing']) t.ok(spec.paths[path], `documents ${path}`);
});
