import type { Pool } from '../pool.js';

export interface PausedSpan {
  fromSecs: number;
  toSecs: number;
}

export interface RecordingRow {
  id: string;
  callId: string;
  status: 'stored' | 'failed' | 'deleted';
  failureReason: string | null;
  path: string | null;
  format: string;
  secs: number | null;
  bytes: number | null;
  sha256: string | null;
  pausedSpans: PausedSpan[];
  startedAt: number | null;
}

/** What a search returns: the recording with the call facts people search by. */
export interface RecordingListing extends RecordingRow {
  queueId: string | null;
  agentId: string | null;
  teamId: string | null;
  customerNumber: string | null;
  surveyScore: number | null;
}

export interface RecordingSearch {
  from?: number;
  to?: number;
  agentId?: string;
  teamId?: string;
  queueId?: string;
  customerNumber?: string;
  minSecs?: number;
  maxSecs?: number;
  surveyScore?: number;
  limit: number;
}

const COLUMNS = `r.id, r.call_id AS "callId", r.status, r.failure_reason AS "failureReason", r.path, r.format,
  r.secs::float8 AS secs, r.bytes::float8 AS bytes, r.sha256, r.paused_spans AS "pausedSpans",
  (EXTRACT(EPOCH FROM r.started_at) * 1000)::float8 AS "startedAt"`;

export function createRecordingRepository(pool: Pool) {
  return {
    /** Idempotent: storing the same recording again leaves one row with the latest facts. */
    async store(row: RecordingRow): Promise<void> {
      await pool.query(
        `INSERT INTO recordings (id, call_id, status, failure_reason, path, format, secs, bytes, sha256, paused_spans, started_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
         ON CONFLICT (id) DO UPDATE SET status = $3, failure_reason = $4, path = $5, format = $6, secs = $7, bytes = $8,
           sha256 = $9, paused_spans = $10, started_at = $11`,
        [row.id, row.callId, row.status, row.failureReason, row.path, row.format, row.secs, row.bytes, row.sha256,
          JSON.stringify(row.pausedSpans), row.startedAt === null ? null : new Date(row.startedAt)],
      );
    },
    async get(id: string): Promise<RecordingListing | undefined> {
      const { rows } = await pool.query<RecordingListing>(
        `SELECT ${COLUMNS}, c.queue_id AS "queueId", c.agent_id AS "agentId", a.team_id AS "teamId",
                c.customer_number AS "customerNumber", c.survey_score AS "surveyScore"
         FROM recordings r LEFT JOIN calls c ON c.id = r.call_id LEFT JOIN agents a ON a.id = c.agent_id
         WHERE r.id = $1`,
        [id],
      );
      return rows[0];
    },
    async search(filter: RecordingSearch): Promise<RecordingListing[]> {
      const where = ["r.status = 'stored'"];
      const args: unknown[] = [];
      const add = (sql: string, value: unknown) => {
        args.push(value);
        where.push(sql.replace('?', `$${args.length}`));
      };
      if (filter.from !== undefined) add('r.started_at >= ?', new Date(filter.from));
      if (filter.to !== undefined) add('r.started_at < ?', new Date(filter.to));
      if (filter.agentId !== undefined) add('c.agent_id = ?', filter.agentId);
      if (filter.teamId !== undefined) add('a.team_id = ?', filter.teamId);
      if (filter.queueId !== undefined) add('c.queue_id = ?', filter.queueId);
      if (filter.customerNumber !== undefined) add('c.customer_number = ?', filter.customerNumber);
      if (filter.minSecs !== undefined) add('r.secs >= ?', filter.minSecs);
      if (filter.maxSecs !== undefined) add('r.secs <= ?', filter.maxSecs);
      if (filter.surveyScore !== undefined) add('c.survey_score = ?', filter.surveyScore);
      args.push(filter.limit);
      const { rows } = await pool.query<RecordingListing>(
        `SELECT ${COLUMNS}, c.queue_id AS "queueId", c.agent_id AS "agentId", a.team_id AS "teamId",
                c.customer_number AS "customerNumber", c.survey_score AS "surveyScore"
         FROM recordings r LEFT JOIN calls c ON c.id = r.call_id LEFT JOIN agents a ON a.id = c.agent_id
         WHERE ${where.join(' AND ')} ORDER BY r.started_at DESC LIMIT $${args.length}`,
        args,
      );
      return rows;
    },
    /** Stored recordings that started before `before`: what retention must delete. */
    async dueForDeletion(before: number, limit = 500): Promise<{ id: string; path: string }[]> {
      const { rows } = await pool.query<{ id: string; path: string }>(
        `SELECT id, path FROM recordings WHERE status = 'stored' AND started_at < $1 ORDER BY started_at LIMIT $2`,
        [new Date(before), limit],
      );
      return rows;
    },
    async markDeleted(id: string): Promise<void> {
      await pool.query(`UPDATE recordings SET status = 'deleted', deleted_at = now(), path = NULL WHERE id = $1`, [id]);
    },
  };
}
export type RecordingRepository = ReturnType<typeof createRecordingRepository>;
