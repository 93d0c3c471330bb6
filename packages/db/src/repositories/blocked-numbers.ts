import type { Pool } from '../pool.js';

/** A blocked number or prefix (`pattern` ending in '*'), as stored. Times in epoch ms. */
export interface BlockedNumber {
  id: string;
  pattern: string;
  reason: string;
  action: 'message' | 'reject';
  expiresAt: number | null;
  createdBy: string;
  createdAt: number;
}

const COLUMNS = `id, pattern, reason, action, (extract(epoch FROM expires_at) * 1000)::bigint AS expires_at, created_by, (extract(epoch FROM created_at) * 1000)::bigint AS created_at`;
type Row = { id: string; pattern: string; reason: string; action: BlockedNumber['action']; expires_at: string | null; created_by: string; created_at: string };
const toBlock = (row: Row): BlockedNumber => ({
  id: row.id,
  pattern: row.pattern,
  reason: row.reason,
  action: row.action,
  expiresAt: row.expires_at === null ? null : Number(row.expires_at),
  createdBy: row.created_by,
  createdAt: Number(row.created_at),
});

/** Blocked callers: read whole at start and after each change (a few hundred rows at most). */
export function createBlockedNumberRepository(pool: Pool) {
  return {
    async list(): Promise<BlockedNumber[]> {
      const { rows } = await pool.query<Row>(`SELECT ${COLUMNS} FROM blocked_numbers ORDER BY created_at`);
      return rows.map(toBlock);
    },
    /** Blocks a pattern, or changes the block it already has. */
    async put(block: Omit<BlockedNumber, 'createdAt'>): Promise<BlockedNumber> {
      const { rows } = await pool.query<Row>(
        `INSERT INTO blocked_numbers (id, pattern, reason, action, expires_at, created_by)
         VALUES ($1, $2, $3, $4, to_timestamp($5 / 1000.0), $6)
         ON CONFLICT (pattern) DO UPDATE SET reason = EXCLUDED.reason, action = EXCLUDED.action, expires_at = EXCLUDED.expires_at, created_by = EXCLUDED.created_by, created_at = now()
         RETURNING ${COLUMNS}`,
        [block.id, block.pattern, block.reason, block.action, block.expiresAt, block.createdBy],
      );
      return toBlock(rows[0]!);
    },
    async remove(id: string): Promise<BlockedNumber | null> {
      const { rows } = await pool.query<Row>(`DELETE FROM blocked_numbers WHERE id = $1 RETURNING ${COLUMNS}`, [id]);
      return rows[0] ? toBlock(rows[0]) : null;
    },
  };
}
export type BlockedNumberRepository = ReturnType<typeof createBlockedNumberRepository>;
