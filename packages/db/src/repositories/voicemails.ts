import { inTransaction, type Pool, type PoolClient } from '../pool.js';

export type VoicemailStatus = 'new' | 'assigned' | 'called-back' | 'closed';

/** A message in a queue's voicemail box, as listed. Times in epoch ms. */
export interface VoicemailMessage {
  id: string;
  queueId: string;
  customerNumber: string;
  /** The customer's name from the customer records, when the number is known there. */
  customerName: string | null;
  leftAt: number;
  secs: number;
  bytes: number;
  status: VoicemailStatus;
  assigneeId: string | null;
  audio: 'stored' | 'deleted';
  heardAt: number | null;
  heardBy: string | null;
  note: string | null;
  updatedAt: number;
  updatedBy: string;
}

/** The file behind a message, for playback. */
export interface VoicemailAudio {
  path: string | null;
  sha256: string;
}

export interface NewVoicemail {
  id: string;
  queueId: string;
  customerNumber: string;
  leftAt: number;
  path: string;
  secs: number;
  bytes: number;
  sha256: string;
}

export interface VoicemailHistoryEntry {
  at: number;
  actor: string;
  action: 'left' | 'heard' | 'changed';
  status: VoicemailStatus;
  assigneeId: string | null;
  note: string | null;
}

export interface VoicemailSearch {
  status?: VoicemailStatus;
  queueId?: string;
  assigneeId?: string;
  from?: number;
  to?: number;
  limit: number;
}

/** What a change leaves a message with. */
export interface VoicemailState {
  status: VoicemailStatus;
  assigneeId: string | null;
  note: string | null;
}

const ms = (column: string) => `(EXTRACT(EPOCH FROM ${column}) * 1000)::float8`;
const COLUMNS = `m.id, m.queue_id AS "queueId", m.customer_number AS "customerNumber", c.name AS "customerName",
  ${ms('m.left_at')} AS "leftAt", m.secs::float8 AS secs, m.bytes::float8 AS bytes, m.status, m.assignee_id AS "assigneeId",
  m.audio, ${ms('m.heard_at')} AS "heardAt", m.heard_by AS "heardBy", m.note, ${ms('m.updated_at')} AS "updatedAt", m.updated_by AS "updatedBy"`;
const FROM = 'voicemail_messages m LEFT JOIN customers c ON c.number = m.customer_number';

async function addHistory(client: PoolClient, id: string, actor: string, action: VoicemailHistoryEntry['action'], state: VoicemailState): Promise<void> {
  await client.query(
    'INSERT INTO voicemail_message_history (message_id, actor, action, status, assignee_id, note) VALUES ($1, $2, $3, $4, $5, $6)',
    [id, actor, action, state.status, state.assigneeId, state.note],
  );
}

/** The queues' voicemail boxes: messages filed once per call, each change kept in the message's history. */
export function createVoicemailRepository(pool: Pool) {
  const get = async (client: Pool | PoolClient, id: string, lock = false): Promise<VoicemailMessage | undefined> => {
    const { rows } = await client.query<VoicemailMessage>(`SELECT ${COLUMNS} FROM ${FROM} WHERE m.id = $1${lock ? ' FOR UPDATE OF m' : ''}`, [id]);
    return rows[0];
  };
  return {
    /** Files a message once: a repeated job finds it filed and changes nothing. */
    async file(message: NewVoicemail): Promise<void> {
      await inTransaction(pool, async (client) => {
        const { rowCount } = await client.query(
          `INSERT INTO voicemail_messages (id, queue_id, customer_number, left_at, path, secs, bytes, sha256)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO NOTHING`,
          [message.id, message.queueId, message.customerNumber, new Date(message.leftAt), message.path, message.secs, message.bytes, message.sha256],
        );
        if (rowCount === 1) await addHistory(client, message.id, 'caller', 'left', { status: 'new', assigneeId: null, note: null });
      });
    },
    get: (id: string) => get(pool, id),
    async audio(id: string): Promise<VoicemailAudio | undefined> {
      const { rows } = await pool.query<VoicemailAudio>("SELECT CASE WHEN audio = 'stored' THEN path END AS path, sha256 FROM voicemail_messages WHERE id = $1", [id]);
      return rows[0];
    },
    async search(filter: VoicemailSearch): Promise<VoicemailMessage[]> {
      const where: string[] = ['true'];
      const args: unknown[] = [];
      const add = (sql: string, value: unknown) => {
        args.push(value);
        where.push(sql.replace('?', `$${args.length}`));
      };
      if (filter.status !== undefined) add('m.status = ?', filter.status);
      if (filter.queueId !== undefined) add('m.queue_id = ?', filter.queueId);
      if (filter.assigneeId !== undefined) add('m.assignee_id = ?', filter.assigneeId);
      if (filter.from !== undefined) add('m.left_at >= ?', new Date(filter.from));
      if (filter.to !== undefined) add('m.left_at < ?', new Date(filter.to));
      args.push(filter.limit);
      const { rows } = await pool.query<VoicemailMessage>(
        `SELECT ${COLUMNS} FROM ${FROM} WHERE ${where.join(' AND ')} ORDER BY m.left_at DESC LIMIT $${args.length}`,
        args,
      );
      return rows;
    },
    /** The first time someone plays a message: who heard it and when (once). */
    async heard(id: string, actor: string): Promise<void> {
      await inTransaction(pool, async (client) => {
        const { rows } = await client.query<VoicemailState>(
          'UPDATE voicemail_messages SET heard_at = now(), heard_by = $2 WHERE id = $1 AND heard_at IS NULL RETURNING status, assignee_id AS "assigneeId", note',
          [id, actor],
        );
        if (rows[0]) await addHistory(client, id, actor, 'heard', rows[0]);
      });
    },
    /**
     * Changes a message under a row lock: `decide` sees it as it is now and returns what it becomes,
     * or a refusal, which leaves the message as it was. Undefined when there is no such message.
     */
    async change<R>(
      id: string,
      actor: string,
      decide: (current: VoicemailMessage) => { next: VoicemailState } | { refusal: R },
    ): Promise<{ message: VoicemailMessage } | { refusal: R } | undefined> {
      return inTransaction(pool, async (client) => {
        const current = await get(client, id, true);
        if (!current) return undefined;
        const decided = decide(current);
        if ('refusal' in decided) return decided;
        const { next } = decided;
        await client.query(
          'UPDATE voicemail_messages SET status = $2, assignee_id = $3, note = $4, updated_at = now(), updated_by = $5 WHERE id = $1',
          [id, next.status, next.assigneeId, next.note, actor],
        );
        await addHistory(client, id, actor, 'changed', next);
        return { message: (await get(client, id)) ?? current };
      });
    },
    async history(id: string): Promise<VoicemailHistoryEntry[]> {
      const { rows } = await pool.query<VoicemailHistoryEntry>(
        `SELECT ${ms('at')} AS at, actor, action, status, assignee_id AS "assigneeId", note
         FROM voicemail_message_history WHERE message_id = $1 ORDER BY id`,
        [id],
      );
      return rows;
    },
    /** Messages whose audio is past retention: the files to delete. */
    async dueForDeletion(before: number, limit = 500): Promise<{ id: string; path: string }[]> {
      const { rows } = await pool.query<{ id: string; path: string }>(
        `SELECT id, path FROM voicemail_messages WHERE audio = 'stored' AND left_at < $1 ORDER BY left_at LIMIT $2`,
        [new Date(before), limit],
      );
      return rows;
    },
    async markDeleted(id: string): Promise<void> {
      await pool.query(`UPDATE voicemail_messages SET audio = 'deleted', path = NULL WHERE id = $1`, [id]);
    },
  };
}
export type VoicemailRepository = ReturnType<typeof createVoicemailRepository>;
