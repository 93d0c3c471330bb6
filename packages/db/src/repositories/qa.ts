import type { QaForm, QaSampleCall } from '@hotline/contracts';
import type { Pool } from '../pool.js';

export interface QaReview {
  id: string;
  callId: string;
  agentId: string;
  formId: string;
  reviewer: string;
  scores: Record<string, number>;
  total: number;
  comment: string;
  reviewedAt: string;
}

const REVIEW_COLUMNS = `id::text, call_id AS "callId", agent_id AS "agentId", form_id AS "formId", reviewer, scores,
  total::float8 AS total, comment, reviewed_at AS "reviewedAt"`;

export type { QaForm, QaSampleCall };

/** QA forms and call reviews. */
export function createQaRepository(pool: Pool) {
  return {
    async upsertForm(form: QaForm): Promise<void> {
      await pool.query('INSERT INTO qa_forms (id, name, criteria) VALUES ($1, $2, $3) ON CONFLICT (id) DO UPDATE SET name = $2, criteria = $3', [
        form.id, form.name, JSON.stringify(form.criteria),
      ]);
    },
    async forms(): Promise<QaForm[]> {
      return (await pool.query<QaForm>('SELECT id, name, criteria FROM qa_forms ORDER BY id')).rows;
    },
    async form(id: string): Promise<QaForm | undefined> {
      return (await pool.query<QaForm>('SELECT id, name, criteria FROM qa_forms WHERE id = $1', [id])).rows[0];
    },
    /** One review per call and reviewer: reviewing again replaces the reviewer's earlier marks. */
    async review(review: Omit<QaReview, 'id' | 'reviewedAt'>): Promise<QaReview> {
      const { rows } = await pool.query<QaReview>(
        `INSERT INTO qa_reviews (call_id, agent_id, form_id, reviewer, scores, total, comment) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (call_id, reviewer) DO UPDATE SET form_id = $3, scores = $5, total = $6, comment = $7, reviewed_at = now()
         RETURNING ${REVIEW_COLUMNS}`,
        [review.callId, review.agentId, review.formId, review.reviewer, JSON.stringify(review.scores), review.total, review.comment],
      );
      return rows[0] as QaReview;
    },
    /** Reviews of these agents (all agents when null) reviewed in the period, newest first. */
    async reviews(agentIds: readonly string[] | null, from: Date, to: Date): Promise<QaReview[]> {
      const { rows } = await pool.query<QaReview>(
        `SELECT ${REVIEW_COLUMNS} FROM qa_reviews WHERE ($1::text[] IS NULL OR agent_id = ANY($1)) AND reviewed_at >= $2 AND reviewed_at < $3
         ORDER BY reviewed_at DESC LIMIT 1000`,
        [agentIds, from, to],
      );
      return rows;
    },
    /** Up to `perAgent` random answered, recorded, not yet reviewed calls per agent in the period. */
    async sample(agentIds: readonly string[] | null, perAgent: number, from: Date, to: Date): Promise<QaSampleCall[]> {
      const { rows } = await pool.query<QaSampleCall>(
        `SELECT "callId", "agentId", "queueId", "customerNumber", "enqueuedAt", "recordingId" FROM (
           SELECT c.id AS "callId", c.agent_id AS "agentId", c.queue_id AS "queueId", c.customer_number AS "customerNumber",
                  (EXTRACT(EPOCH FROM c.enqueued_at) * 1000)::float8 AS "enqueuedAt", c.recording_id AS "recordingId",
                  row_number() OVER (PARTITION BY c.agent_id ORDER BY random()) AS pick
           FROM calls c JOIN recordings r ON r.id::text = c.recording_id AND r.status = 'stored'
           WHERE c.outcome = 'answered' AND c.agent_id IS NOT NULL AND ($1::text[] IS NULL OR c.agent_id = ANY($1))
             AND c.enqueued_at >= $2 AND c.enqueued_at < $3
             AND NOT EXISTS (SELECT 1 FROM qa_reviews q WHERE q.call_id = c.id)
         ) s WHERE pick <= $4 ORDER BY "agentId", "enqueuedAt"`,
        [agentIds, from, to, perAgent],
      );
      return rows;
    },
    /** An agent's QA figure: reviews in the period and their mean total. */
    async agentScore(agentId: string, from: Date, to: Date): Promise<{ reviews: number; average: number | null }> {
      const { rows } = await pool.query<{ reviews: number; average: number | null }>(
        `SELECT count(*)::int AS reviews, avg(total)::float8 AS average FROM qa_reviews WHERE agent_id = $1 AND reviewed_at >= $2 AND reviewed_at < $3`,
        [agentId, from, to],
      );
      return rows[0] ?? { reviews: 0, average: null };
    },
  };
}
export type QaRepository = ReturnType<typeof createQaRepository>;
