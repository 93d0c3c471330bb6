import t from 'tap';
import type { Queue } from '@hotline/contracts';
import { demoQueues } from '../services/control/src/demo/demo-config.js';
import { openCallFloor, type CallView } from './helpers/call-floor.js';
import { sippCaller, sippCustomerPhone } from './helpers/sipp.js';
import { waitFor } from './helpers/wait.js';

// Callbacks on the real stack: SIPp callers press the callback key while waiting, SIPp agents
// take the callbacks, and a SIPp phone behind the callback trunk plays the customer.
const floor = await openCallFloor(15401);
const { config, app, pool, admin, phones, phone, calls, callFrom, allNotReady, storedCall } = floor;
t.teardown(() => floor.close());
const customer = sippCustomerPhone(config);
const general = demoQueues.find((q) => q.id === 'general') as Queue;
const allDay = { enabled: true, key: '1', maxAttempts: 2, retryAfterSecs: 2, ringSecs: 10, window: { from: '00:00', to: '24:00' } };
const putGeneral = async (change: Partial<Queue>) => {
  const { id, ...body } = { ...general, wrapupSecs: 0, ringTimeoutSecs: 8, survey: { mode: 'off' as const }, ...change };
  const res = await app.inject({ method: 'PUT', url: `/queues/${id}`, headers: admin, payload: body });
  if (res.statusCode !== 200) throw new Error(`queue ${id}: ${res.statusCode} ${res.body}`);
};
const setState = async (id: string, body: object) => {
  const res = await floor.changeState(id, body);
  if (res.statusCode !== 200) throw new Error(`agent ${id} → ${JSON.stringify(body)}: ${res.statusCode} ${res.body}`);
};
const callNow = async (id: string) => (await calls()).find((c) => c.id === id) as CallView & { callback: { attempts: number; retryAt: number | null } | null };
const endCall = (id: string) => app.inject({ method: 'DELETE', url: `/calls/${id}`, headers: admin });
const eventsOf = async (callId: string) =>
  (await pool.query<{ type: string; data: Record<string, unknown> }>('SELECT type, data FROM call_events WHERE call_id = $1 ORDER BY at, id', [callId])).rows;
const started = new Date();

t.before(async () => {
  for (const p of phones.values()) t.equal((await p.register()).code, 0);
  await putGeneral({ callback: allDay });
});
t.after(() => putGeneral({}));

t.test('the callback keeps its place; the agent is connected first, then the customer is called; it is no abandon', async (t) => {
  await allNotReady();
  const first = sippCaller(config, '5556100001').rate('7000', 1500, ['1']);
  const booked = await callFrom('5556100001', (c) => c.state === 'callback');
  t.equal((await first.done).code, 0, 'the caller heard the confirmation and was released');
  const second = sippCaller(config, '5556100002').callUntilHangup('7000');
  const behind = await callFrom('5556100002', (c) => c.state === 'waiting' || c.state === 'greeting');
  t.equal(app.router.position(booked.id), 1, 'the callback holds the first place with nobody on the line');
  t.equal(app.router.position(behind.id), 2, 'a later caller is behind it');
  t.equal((await callNow(booked.id)).state, 'callback', 'the caller hanging up did not end the call');

  // The same number again: a wrong key re-prompts, and a second callback is refused.
  const again = sippCaller(config, '5556100001').rate('7000', 1500, ['5', '1']);
  const repeat = await callFrom('5556100001', (c) => c.id !== booked.id);
  await waitFor('both keys to be handled', async () => ((await eventsOf(repeat.id)).length >= 1 ? true : undefined));
  await new Promise((resolve) => setTimeout(resolve, 6000));
  t.match(await callNow(repeat.id), { state: /^(greeting|waiting)$/, callback: null }, 'no duplicate callback for the same number: the caller stays in line');

  const customerPhone = customer.answers('5556100001', 3000);
  const agentPhone = phone('1002').answerThenHangUp(9000);
  await setState('1002', { state: 'ready' });
  const dialling = await waitFor('the agent on the line while the customer rings', async () => {
    const call = await callNow(booked.id);
    return call.state === 'calling-back' ? call : undefined;
  });
  t.equal(dialling.agentId, '1002', 'the callback went first, ahead of the caller waiting on the line');
  t.match((await callNow(behind.id)).state, /^(greeting|waiting)$/);
  const live = app.callFlow.calls.get(booked.id);
  const channels = new Map((await app.ari.listChannels()).map((c) => [c.id, c.state]));
  t.equal(channels.get(live?.agentChannelId ?? ''), 'Up', "the agent's leg is answered");
  t.not(channels.get(live?.callerChannelId ?? ''), 'Up', "the customer's phone is still ringing");
  await waitFor('the customer to pick up', async () => ((await callNow(booked.id)).state === 'talking' ? true : undefined));
  t.equal((await customerPhone.done).code, 0, 'the customer was called at the number they called from, talked, and was released');
  t.equal((await agentPhone.done).code, 0);
  const stored = await storedCall(booked.id);
  t.match(stored, { outcome: 'callback', callbackStatus: 'completed', callbackAttempts: 1, agentId: '1002' });
  t.ok(stored.answeredAt && stored.callbackRequestedAt && stored.answeredAt > stored.callbackRequestedAt);
  t.same((await eventsOf(booked.id)).map((e) => e.type).filter((type) => type.startsWith('call.callback') || type === 'call.answered'),
    ['call.callback-requested', 'call.callback-dialing', 'call.answered']);

  const report = await app.inject({ method: 'GET', url: `/reports/kpi?from=${encodeURIComponent(started.toISOString())}&to=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}&queueId=general`, headers: admin });
  t.match(report.json(), { rows: [{ figures: { abandoned: 0, callbacksRequested: 1, callbacksCompleted: 1, callbacksFailed: 0 } }] }, 'reported as a callback, not counted as an abandon');
  for (const id of [behind.id, repeat.id]) await endCall(id);
  await Promise.all([second.done, again.done]);
});

t.test('an unanswered callback is tried again up to the limit, then recorded as failed', async (t) => {
  await allNotReady();
  const caller = sippCaller(config, '5556100003').rate('7000', 1500, ['1']);
  const booked = await callFrom('5556100003', (c) => c.state === 'callback');
  t.equal((await caller.done).code, 0);
  for (const attempt of [1, 2]) {
    const busy = customer.busy();
    const agentPhone = phone('1003').answer();
    if (attempt === 1) await setState('1003', { state: 'ready' });
    t.equal((await busy.done).code, 0, `attempt ${attempt}: the customer's phone was rung`);
    t.equal((await agentPhone.done).code, 0, `attempt ${attempt}: the agent was released`);
  }
  const ended = await callFrom('5556100003', (c) => c.state === 'ended');
  t.equal(ended.outcome, 'callback');
  const stored = await storedCall(booked.id);
  t.match(stored, { outcome: 'callback', callbackStatus: 'failed', callbackAttempts: 2 });
  const failures = (await eventsOf(booked.id)).filter((e) => e.type === 'call.callback-attempt-failed').map((e) => e.data);
  t.match(failures, [{ attempt: 1, retryAt: Number }, { attempt: 2 }]);
  t.notOk('retryAt' in (failures[1] ?? {}), 'no retry after the last attempt');
});

t.test('outside the calling window no callback is offered and the key does nothing', async (t) => {
  await allNotReady();
  const hour = (new Date().getHours() + 2) % 24;
  const hh = String(hour).padStart(2, '0');
  await putGeneral({ callback: { ...allDay, window: { from: `${hh}:00`, to: `${hh}:30` } } });
  const caller = sippCaller(config, '5556100004').rate('7000', 1500, ['1']);
  const waiting = await callFrom('5556100004');
  await new Promise((resolve) => setTimeout(resolve, 4000));
  t.match(await callNow(waiting.id), { state: /^(greeting|waiting)$/, callback: null });
  await endCall(waiting.id);
  await caller.done;
  await putGeneral({ callback: allDay });
});

t.test('a booked callback that reaches the head after its window closed waits for the window to open; the agent stays Ready', async (t) => {
  await allNotReady();
  await putGeneral({ callback: allDay });
  const caller = sippCaller(config, '5556100005').rate('7000', 1500, ['1']);
  const booked = await callFrom('5556100005', (c) => c.state === 'callback');
  t.equal((await caller.done).code, 0);
  const hh = String((new Date().getHours() + 2) % 24).padStart(2, '0');
  await putGeneral({ callback: { ...allDay, window: { from: `${hh}:00`, to: `${hh}:30` } } });
  await setState('1002', { state: 'ready' });
  const deferred = await waitFor('the callback to wait for its window', async () => {
    const call = await callNow(booked.id);
    return call.callback?.retryAt ? call : undefined;
  });
  const opening = new Date(deferred.callback?.retryAt ?? 0);
  t.equal(`${String(opening.getHours()).padStart(2, '0')}:${String(opening.getMinutes()).padStart(2, '0')}`, `${hh}:00`, 'back in line when the window opens');
  t.equal(deferred.state, 'callback', 'nobody is dialled outside the window');
  t.equal(app.router.position(booked.id), undefined, 'out of line meanwhile');
  t.match(await floor.agentState('1002'), { state: 'ready' }, 'the agent it was offered to is Ready again, not charged with a missed call');
  t.match((await endCall(booked.id)).json(), { ended: true });
  t.match(await storedCall(booked.id), { outcome: 'callback', callbackStatus: 'cancelled', callbackAttempts: 0 }, 'a supervisor called it off');
  await putGeneral({ callback: allDay });
});
