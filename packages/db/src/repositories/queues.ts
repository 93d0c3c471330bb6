import type { Queue } from '@hotline/contracts';
import { inTransaction, type Pool } from '../pool.js';

const SELECT_QUEUES = `
  SELECT q.id, q.name, q.number, q.strategy, q.weight,
         q.sl_threshold_secs AS "slThresholdSecs", q.sl_target_pct AS "slTargetPct",
         q.ring_timeout_secs AS "ringTimeoutSecs", q.wrapup_secs AS "wrapupSecs",
         q.max_wait_secs AS "maxWaitSecs", q.max_waiting AS "maxWaiting",
         q.announce_interval_secs AS "announceIntervalSecs", q.overflow, q.expansion, q.recording, q.survey, q.alerts, q.callback, q.language,
         COALESCE(json_agg(json_build_object('skillId', qs.skill_id, 'minLevel', qs.min_level) ORDER BY qs.skill_id)
                  FILTER (WHERE qs.skill_id IS NOT NULL), '[]') AS skills
  FROM queues q LEFT JOIN queue_skills qs ON qs.queue_id = q.id`;

export function createQueueRepository(pool: Pool) {
  return {
    async list(): Promise<Queue[]> {
      return (await pool.query<Queue>(`${SELECT_QUEUES} GROUP BY q.id ORDER BY q.id`)).rows;
    },
    async upsert(queue: Queue): Promise<void> {
      await inTransaction(pool, async (client) => {
        await client.query(
          `INSERT INTO queues (id, name, number, strategy, weight, sl_threshold_secs, sl_target_pct, ring_timeout_secs,
                               wrapup_secs, max_wait_secs, max_waiting, announce_interval_secs, overflow, expansion, recording, survey, alerts, callback, language)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)
           ON CONFLICT (id) DO UPDATE SET name = $2, number = $3, strategy = $4, weight = $5, sl_threshold_secs = $6,
             sl_target_pct = $7, ring_timeout_secs = $8, wrapup_secs = $9, max_wait_secs = $10, max_waiting = $11,
             announce_interval_secs = $12, overflow = $13, expansion = $14, recording = $15, survey = $16, alerts = $17, callback = $18, language = $19`,
          [queue.id, queue.name, queue.number, queue.strategy, queue.weight, queue.slThresholdSecs, queue.slTargetPct,
            queue.ringTimeoutSecs, queue.wrapupSecs, queue.maxWaitSecs, queue.maxWaiting, queue.announceIntervalSecs,
            JSON.stringify(queue.overflow), JSON.stringify(queue.expansion), JSON.stringify(queue.recording), JSON.stringify(queue.survey), JSON.stringify(queue.alerts), JSON.stringify(queue.callback), queue.language],
        );
        await client.query('DELETE FROM queue_skills WHERE queue_id = $1', [queue.id]);
        for (const s of queue.skills) {
          await client.query('INSERT INTO queue_skills (queue_id, skill_id, min_level) VALUES ($1, $2, $3)', [queue.id, s.skillId, s.minLevel]);
        }
      });
    },
  };
}
export type QueueRepository = ReturnType<typeof createQueueRepository>;
