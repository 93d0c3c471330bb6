import { createCallRecordRepository } from '@hotline/db';
import { login, openTestStack } from './stack.js';
import { killAllSipp, sippAgent } from './sipp.js';
import { waitFor } from './wait.js';
import { inProcessWorkers } from './workers.js';

/** A call as GET /calls shows it. */
export interface CallView {
  id: string;
  state: string;
  agentId: string | null;
  queueId: string;
  customerNumber: string;
  outcome: string | null;
}

/**
 * The real stack with every demo agent's SIPp softphone (on local ports from `firstPort`), the
 * call-events worker in process, an admin session, and the reads the call tests share.
 */
export async function openCallFloor(firstPort: number) {
  const stack = await openTestStack();
  const { config, credentials, app, pool } = stack;
  const records = createCallRecordRepository(pool);
  const workers = inProcessWorkers(config, pool, ['call-events']);
  const admin = { authorization: `Bearer ${await login(app, 'admin', credentials.admin.password)}` };
  const phones = new Map(credentials.agents.map((a, i) => [a.extension, sippAgent(config, a.extension, a.sipPassword, firstPort + i)] as const));
  const phone = (id: string) => {
    const p = phones.get(id);
    if (!p) throw new Error(`no demo agent ${id}`);
    return p;
  };
  const calls = async () => (await app.inject({ method: 'GET', url: '/calls?state=all', headers: admin })).json() as CallView[];
  const callFrom = (number: string, predicate: (c: CallView) => boolean = () => true) =>
    waitFor(`a call from ${number}`, async () => (await calls()).find((c) => c.customerNumber === number && predicate(c)), 30_000);
  const agentState = async (id: string) => (await app.inject({ method: 'GET', url: `/agents/${id}`, headers: admin })).json() as { state: string; reason: string | null };
  const changeState = (id: string, body: object) => app.inject({ method: 'POST', url: `/agents/${id}/state`, headers: admin, payload: body });
  const allNotReady = async () => {
    for (const id of phones.keys()) {
      const { state } = await agentState(id);
      if (state !== 'logged-out' && state !== 'not-ready') await changeState(id, { state: 'not-ready', reason: 'other' });
    }
  };
  const storedCall = (callId: string) =>
    waitFor(`the stored record of ${callId}`, async () => {
      const row = await records.get(callId);
      return row?.outcome ? row : undefined;
    });
  const close = async () => {
    killAllSipp();
    for (const p of phones.values()) await p.unregister();
    await workers.close();
    await pool.end();
    await app.close();
  };
  return { ...stack, records, admin, phones, phone, calls, callFrom, agentState, changeState, allNotReady, storedCall, close };
}
