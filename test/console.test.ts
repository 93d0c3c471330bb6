import t from 'tap';
import type { AddressInfo } from 'node:net';
import { demoAgent, login, openTestStack } from './helpers/stack.js';
import { killAllSipp, sippAgent, sippCaller } from './helpers/sipp.js';
import { launchBrowser, screenshot, signInPage } from './helpers/browser.js';
import { waitFor } from './helpers/wait.js';
import { inProcessWorkers } from './helpers/workers.js';
import { demoQueues } from '../services/control/src/demo/demo-config.js';

// The web console in headless Chromium against the real stack: the agent desktop with its browser
// softphone, the supervisor wallboard following SIPp calls, and every other page rendered once.
const { config, credentials, app, pool } = await openTestStack();
await app.listen({ port: 0, host: '127.0.0.1' });
const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/ui/`;
const browser = await launchBrowser();
const workers = inProcessWorkers(config, pool, ['call-events', 'recordings']);
const admin = { authorization: `Bearer ${await login(app, 'admin', credentials.admin.password)}` };
const carol = demoAgent(credentials, '1003');
const deskPhone = sippAgent(config, '1003', carol.sipPassword, 15601);
t.teardown(async () => {
  killAllSipp();
  await deskPhone.unregister();
  await browser.close();
  await workers.close();
  await pool.end();
  await app.close();
});

const agentView = async (id: string) => (await app.inject({ method: 'GET', url: `/agents/${id}`, headers: admin })).json() as { state: string; reason: string | null; deviceRegistered: boolean };
const liveCalls = async () => (await app.inject({ method: 'GET', url: '/calls', headers: admin })).json() as { id: string; state: string; customerNumber: string; agentId: string | null }[];
const { id: _id, ...general } = demoQueues.find((q) => q.id === 'general') ?? demoQueues[0]!;

t.before(async () => {
  // No survey: the caller is released as soon as the agent hangs up.
  const res = await app.inject({ method: 'PUT', url: '/queues/general', headers: admin, payload: { ...general, survey: { mode: 'off' }, wrapupSecs: 30 } });
  if (res.statusCode !== 200) throw new Error(res.body);
});

t.test('login page', async (t) => {
  const page = await (await browser.newContext()).newPage();
  await page.goto(base);
  await page.waitForSelector('form.login');
  await page.fill('input[name=username]', 'nobody');
  await page.fill('input[name=password]', 'wrong-password');
  await page.click('button[type=submit]');
  t.match(await page.textContent('[role=alert]', { timeout: 10_000 }), /wrong password/, 'a failed login says why');
  await screenshot(page, 'login');
  await page.context().close();
});

t.test('agent desktop: the browser softphone registers, Ready works, a SIPp call rings the page and is answered there', async (t) => {
  const bob = demoAgent(credentials, '1002');
  const page = await signInPage(browser, base, '1002', bob.password);
  await page.waitForSelector('[data-testid=phone-state]:has-text("registered")', { timeout: 20_000 });
  await page.click('button:has-text("Ready")');
  const ready = await waitFor('agent 1002 ready in the API', async () => {
    const view = await agentView('1002');
    return view.state === 'ready' ? view : undefined;
  });
  t.ok(ready.deviceRegistered, 'the browser phone counts as the agent\'s device');
  t.equal(await page.textContent('[data-testid=agent-state]'), 'Ready', 'the page shows the state from the stream');
  await screenshot(page, 'desk-ready');

  const customerNumber = `5558${String(Date.now()).slice(-6)}`;
  const caller = sippCaller(config, customerNumber).callUntilHangup('7000');
  await page.waitForSelector('[data-testid=incoming]', { timeout: 20_000 });
  await page.waitForSelector(`[data-testid=screen-pop]:has-text("${customerNumber}")`);
  t.match(await page.textContent('[data-testid=screen-pop]'), /General enquiries/, 'screen pop names the queue');
  await screenshot(page, 'desk-ringing');
  await page.click('button:has-text("Answer")');
  const talking = await waitFor('the call answered by 1002', async () =>
    (await liveCalls()).find((c) => c.customerNumber === customerNumber && c.state === 'talking' && c.agentId === '1002'));
  await page.waitForSelector('[data-testid=phone-state]:has-text("in-call")');
  await page.click('button:has-text("Hold")');
  await page.waitForSelector('button:has-text("Resume")');
  await page.click('button:has-text("Resume")');
  await screenshot(page, 'desk-on-call');

  await page.click('button:has-text("Hang up")');
  t.equal((await caller.done).code, 0, 'the caller was released when the agent hung up');
  const ended = await waitFor('the call ended', async () => (await liveCalls()).length === 0 ? true : undefined);
  t.ok(ended);
  await page.waitForSelector('[data-testid=wrap-up]', { timeout: 10_000 });
  await page.selectOption('[data-testid=wrap-up] select[name=code]', 'follow-up');
  await page.fill('[data-testid=wrap-up] textarea[name=note]', 'wants a call back about the invoice');
  await page.click('[data-testid=wrap-up] button[type=submit]');
  await page.waitForSelector('button:has-text("Saved")');
  await screenshot(page, 'desk-wrap-up');
  const stored = await waitFor('the disposition stored', async () => {
    const { rows } = await pool.query<{ disposition: string | null; hold_secs: string }>('SELECT disposition, hold_secs FROM calls WHERE id = $1', [talking.id]);
    return rows[0]?.disposition ? rows[0] : undefined;
  }, 20_000);
  t.equal(stored.disposition, 'follow-up');
  t.ok(Number(stored.hold_secs) > 0, 'hold time is on the record');

  await page.selectOption('select[aria-label="Not ready reason"]', 'lunch');
  await page.click('button:has-text("Not ready")');
  const away = await waitFor('agent 1002 not ready', async () => {
    const view = await agentView('1002');
    return view.state === 'not-ready' ? view : undefined;
  });
  t.equal(away.reason, 'lunch');

  // "My day" links each call to its recording: the agent plays their own call in the page.
  await waitFor('the recording stored', async () => ((await pool.query("SELECT 1 FROM recordings WHERE id = $1 AND status = 'stored'", [talking.id])).rowCount ?? 0) > 0 || undefined, 20_000);
  await page.goto(`${base}#/recordings?recording=${talking.id}`);
  t.match(await page.getAttribute('[data-testid=player]', 'src', { timeout: 10_000 }), /^blob:/, 'the recording plays in the browser');
  await page.context().close();
});

t.test('wallboard: a SIPp caller waiting, then answered by a SIPp agent, then ended from the board', async (t) => {
  const page = await signInPage(browser, base, 'supervisor', credentials.supervisor.password);
  await page.waitForSelector('[data-testid=queue-general]');
  const customerNumber = `5559${String(Date.now()).slice(-6)}`;
  const caller = sippCaller(config, customerNumber).callUntilHangup('7000');
  await page.waitForSelector(`[data-testid=live-calls] tr:has-text("${customerNumber}") .call-waiting`, { timeout: 20_000 });
  t.match(await page.textContent('[data-testid=queue-general] .figure:has-text("Waiting") .value'), /^1$/, 'the tile counts the waiting caller');
  await screenshot(page, 'board-waiting');
  await page.click(`[data-testid=live-calls] tr:has-text("${customerNumber}") button:has-text("Why?")`);
  const why = await page.textContent('.why-routing', { timeout: 10_000 });
  t.match(why, /Waiting; needs general ≥ 1/, 'why the caller waits: what the call needs');
  t.match(why, /1004: general level 0, needs 1/, 'and why an agent without the skill cannot take it');
  await screenshot(page, 'board-why');

  t.equal((await deskPhone.register()).code, 0);
  const answering = deskPhone.answer();
  const carolAuth = { authorization: `Bearer ${await login(app, '1003', carol.password)}` };
  t.equal((await app.inject({ method: 'POST', url: '/agents/1003/state', headers: carolAuth, payload: { state: 'ready' } })).statusCode, 200);
  await page.waitForSelector(`[data-testid=live-calls] tr:has-text("${customerNumber}") .call-talking`, { timeout: 20_000 });
  t.match(await page.textContent(`[data-testid=live-calls] tr:has-text("${customerNumber}")`), /1003/, 'the row shows the agent');
  // Queue figures follow the call within one coalescing period (500 ms), not in the same message.
  await page.waitForSelector('[data-testid=queue-general] .figure:has-text("Waiting") .value:text-is("0")', { timeout: 5_000 });
  t.match(await page.textContent('[data-testid=queue-general] .figure:has-text("Waiting") .value'), /^0$/, 'nobody waits any more');
  t.match(await page.textContent('[data-agent="1003"]'), /on-call/, 'the agent grid shows 1003 on a call');
  await screenshot(page, 'board-talking');

  await page.click(`[data-testid=live-calls] tr:has-text("${customerNumber}") button:has-text("End")`);
  t.equal((await caller.done).code, 0, 'ending from the board releases the caller');
  await answering.done;
  await page.waitForSelector(`[data-testid=live-calls] tr:has-text("${customerNumber}")`, { state: 'detached', timeout: 15_000 });
  await app.inject({ method: 'POST', url: '/agents/1003/state', headers: carolAuth, payload: { state: 'logged-out' } });
  await page.context().close();
});

t.test('reports and recordings pages render for a supervisor; a sampled call is reviewed on the QA form', async (t) => {
  const page = await signInPage(browser, base, 'supervisor', credentials.supervisor.password);
  await page.goto(`${base}#/reports`);
  await page.waitForSelector('[data-testid=kpi-table] tbody tr', { timeout: 15_000 });
  t.ok(await page.locator('[data-testid=kpi-table] tbody tr').count() >= 1, 'the KPI table has rows for today');
  await screenshot(page, 'reports');
  await page.goto(`${base}#/recordings`);
  await page.click('button:has-text("Search")');
  await page.waitForSelector('table.card', { timeout: 10_000 });
  // The call the browser phone answered was recorded: it is in this week's sample until reviewed.
  await waitFor('the recording stored', async () => ((await pool.query("SELECT 1 FROM recordings WHERE status = 'stored'")).rowCount ?? 0) > 0 || undefined, 20_000);
  await page.click('button:has-text("Sample 3 calls per agent this week")');
  await page.click('[data-testid=qa-sample] tbody tr >> nth=0 >> button:has-text("Review")');
  await page.waitForSelector('[data-testid=qa-review] .criterion');
  await page.selectOption('[data-testid=qa-review] select[name=resolution]', '5');
  await page.fill('[data-testid=qa-review] textarea[name=comment]', 'clear and quick');
  await page.click('[data-testid=qa-review] button[type=submit]');
  // Every other criterion starts at 3 of 5 (60 %), resolution (weight 40) is 5: 0.6 × 60 + 40 = 76.
  t.equal(await page.textContent('[data-testid=qa-total]', { timeout: 10_000 }), 'Score 76 / 100', 'the weighted score is shown');
  await screenshot(page, 'recordings-qa');
  await page.context().close();
});
