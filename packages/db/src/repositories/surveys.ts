import { isDetractor, isPromoter, type SurveyJob } from '@hotline/contracts';
import { inTransaction, type Pool } from '../pool.js';

export interface Followup {
  id: string;
  callId: string;
  agentId: string | null;
  teamId: string | null;
  customerNumber: string | null;
  scale: string;
  score: number;
  status: 'open' | 'done';
  note: string | null;
  createdAt: string;
}

const FOLLOWUP_COLUMNS = `id::text, call_id AS "callId", agent_id AS "agentId", team_id AS "teamId", customer_number AS "customerNumber",
  scale, score, status, note, created_at AS "createdAt"`;

export function createSurveyRepository(pool: Pool) {
  return {
    /**
     * Stores an answered survey once (keyed by call): the running scores move and a detractor
     * opens a follow-up in the same transaction, so a retried job changes nothing.
     */
    async record(job: SurveyJob): Promise<{ stored: boolean; followup: boolean }> {
      return inTransaction(pool, async (client) => {
        const inserted = await client.query(
          `INSERT INTO surveys (call_id, agent_id, queue_id, scale, score, answered_at) VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (call_id) DO NOTHING`,
          [job.callId, job.agentId, job.queueId, job.scale, job.score, new Date(job.at)],
        );
        if (inserted.rowCount === 0) return { stored: false, followup: false };
        const subjects: [string, string | null][] = [['agent', job.agentId], ['queue', job.queueId]];
        for (const [kind, id] of subjects) {
          if (!id) continue;
          await client.query(
            `INSERT INTO survey_scores (subject_kind, subject_id, scale, responses, score_sum, promoters, detractors)
             VALUES ($1, $2, $3, 1, $4, $5, $6)
             ON CONFLICT (subject_kind, subject_id, scale) DO UPDATE SET responses = survey_scores.responses + 1,
               score_sum = survey_scores.score_sum + $4, promoters = survey_scores.promoters + $5, detractors = survey_scores.detractors + $6`,
            [kind, id, job.scale, job.score, isPromoter(job.scale, job.score) ? 1 : 0, isDetractor(job.scale, job.score) ? 1 : 0],
          );
        }
        if (!isDetractor(job.scale, job.score)) return { stored: true, followup: false };
        await client.query(
          `INSERT INTO followups (call_id, agent_id, team_id, customer_number, scale, score)
           SELECT $1, $2, (SELECT team_id FROM agents WHERE id = $2), $3, $4, $5
           ON CONFLICT (call_id) DO NOTHING`,
          [job.callId, job.agentId, job.customerNumber, job.scale, job.score],
        );
        return { stored: true, followup: true };
      });
    },
    async scores(kind: 'agent' | 'queue', id: string) {
      const { rows } = await pool.query<{ scale: string; responses: number; average: number; nps: number | null }>(
        `SELECT scale, responses, score_sum::float8 / responses AS average,
                CASE WHEN scale = 'nps' THEN 100.0 * (promoters - detractors) / responses END::float8 AS nps
         FROM survey_scores WHERE subject_kind = $1 AND subject_id = $2 ORDER BY scale`,
        [kind, id],
      );
      return rows;
    },
    /**
     * Per agent: who hung up first on answered calls. A survey is only offered when the agent hangs
     * up first, so an agent who lets callers hang up dodges surveys; this makes that visible.
     */
    async honesty(from: number, to: number, teamId?: string) {
      const { rows } = await pool.query<{
        agentId: string; answered: number; agentHungUpFirst: number; callerHungUpFirst: number; surveysOffered: number; surveysAnswered: number;
      }>(
        `SELECT c.agent_id AS "agentId", count(*)::int AS answered,
                count(*) FILTER (WHERE c.hangup_by = 'agent')::int AS "agentHungUpFirst",
                count(*) FILTER (WHERE c.hangup_by = 'caller')::int AS "callerHungUpFirst",
                count(*) FILTER (WHERE c.survey_offered)::int AS "surveysOffered",
                count(*) FILTER (WHERE c.survey_score IS NOT NULL)::int AS "surveysAnswered"
         FROM calls c LEFT JOIN agents a ON a.id = c.agent_id
         WHERE c.outcome = 'answered' AND c.agent_id IS NOT NULL AND c.enqueued_at >= $1 AND c.enqueued_at < $2
           AND ($3::text IS NULL OR a.team_id = $3)
         GROUP BY c.agent_id ORDER BY c.agent_id`,
        [new Date(from), new Date(to), teamId ?? null],
      );
      return rows.map((r) => ({
        ...r,
        surveyOfferRate: r.answered === 0 ? null : r.surveysOffered / r.answered,
        surveyResponseRate: r.surveysOffered === 0 ? null : r.surveysAnswered / r.surveysOffered,
      }));
    },
    async followups(filter: { teamId?: string; status?: 'open' | 'done' }): Promise<Followup[]> {
      const { rows } = await pool.query<Followup>(
        `SELECT ${FOLLOWUP_COLUMNS} FROM followups
         WHERE ($1::text IS NULL OR team_id = $1) AND ($2::text IS NULL OR status = $2) ORDER BY created_at DESC LIMIT 500`,
        [filter.teamId ?? null, filter.status ?? null],
      );
      return rows;
    },
    async getFollowup(id: string): Promise<Followup | undefined> {
      return (await pool.query<Followup>(`SELECT ${FOLLOWUP_COLUMNS} FROM followups WHERE id = $1`, [id])).rows[0];
    },
    async closeFollowup(id: string, by: string, note: string): Promise<Followup | undefined> {
      const { rows } = await pool.query<Followup>(
        `UPDATE followups SET status = 'done', note = $3, done_at = now(), done_by = $2 WHERE id = $1 RETURNING ${FOLLOWUP_COLUMNS}`,
        [id, by, note],
      );
      return rows[0];
    },
  };
}
export type SurveyRepository = ReturnType<typeof createSurveyRepository>;
