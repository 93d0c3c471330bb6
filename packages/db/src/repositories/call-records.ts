import type { CallEvent } from '@hotline/contracts';
import { inTransaction, type Pool } from '../pool.js';

/**
 * Call timelines and call rows, written only by the workers. Every write is keyed by the event's
 * stable id, so a retried or duplicated job changes nothing the second time.
 */
export function createCallRecordRepository(pool: Pool) {
  return {
    async record(event: CallEvent): Promise<boolean> {
      return inTransaction(pool, async (client) => {
        const inserted = await client.query(
          'INSERT INTO call_events (id, call_id, type, at, data) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING',
          [event.id, event.callId, event.type, new Date(event.at), JSON.stringify(event)],
        );
        if (inserted.rowCount === 0) return false;
        await applyToCallRow(client, event);
        return true;
      });
    },
    async get(callId: string) {
      const { rows } = await pool.query(
        `SELECT id, queue_id AS "queueId", customer_number AS "customerNumber", agent_id AS "agentId", outcome,
                enqueued_at AS "enqueuedAt", answered_at AS "answeredAt", ended_at AS "endedAt",
                wait_secs::float AS "waitSecs", talk_secs::float AS "talkSecs", hangup_by AS "hangupBy"
         FROM calls WHERE id = $1`,
        [callId],
      );
      return rows[0] as Record<string, unknown> | undefined;
    },
  };
}
export type CallRecordRepository = ReturnType<typeof createCallRecordRepository>;

type Client = Parameters<Parameters<typeof inTransaction>[1]>[0];

async function applyToCallRow(client: Client, event: CallEvent): Promise<void> {
  const at = new Date(event.at);
  switch (event.type) {
    case 'call.enqueued':
      await client.query(
        `INSERT INTO calls (id, queue_id, customer_number, customer_tier, enqueued_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (id) DO NOTHING`,
        [event.callId, event.queueId, event.customerNumber, event.customerTier, at],
      );
      return;
    case 'call.answered':
      await client.query(
        `UPDATE calls SET agent_id = $2, answered_at = $3,
                wait_secs = EXTRACT(EPOCH FROM ($3 - enqueued_at)) WHERE id = $1`,
        [event.callId, event.agentId, at],
      );
      return;
    case 'call.ended':
      await client.query(
        `UPDATE calls SET ended_at = $2, outcome = $3, hangup_by = $4,
                wait_secs = COALESCE(wait_secs, EXTRACT(EPOCH FROM ($2 - enqueued_at))),
                talk_secs = CASE WHEN answered_at IS NULL THEN NULL ELSE EXTRACT(EPOCH FROM ($2 - answered_at)) END
         WHERE id = $1`,
        [event.callId, at, event.outcome, event.hangupBy],
      );
      return;
  }
}
