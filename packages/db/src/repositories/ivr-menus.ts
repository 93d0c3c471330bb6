import type { IvrMenu, StoredIvrMenu } from '@hotline/contracts';
import type { Pool } from '../pool.js';

/** IVR menus as stored: read whole at start and after each change (a handful of rows). */
export function createIvrMenuRepository(pool: Pool) {
  return {
    async list(): Promise<StoredIvrMenu[]> {
      const { rows } = await pool.query<{ id: string; definition: IvrMenu }>('SELECT id, definition FROM ivr_menus ORDER BY id');
      return rows.map((row) => ({ ...row.definition, id: row.id }));
    },
    async put(id: string, menu: IvrMenu, actor: string): Promise<void> {
      await pool.query(
        `INSERT INTO ivr_menus (id, number, definition, updated_by) VALUES ($1, $2, $3, $4)
         ON CONFLICT (id) DO UPDATE SET number = $2, definition = $3, updated_by = $4, updated_at = now()`,
        [id, menu.number, JSON.stringify(menu), actor],
      );
    },
    async remove(id: string): Promise<boolean> {
      const { rowCount } = await pool.query('DELETE FROM ivr_menus WHERE id = $1', [id]);
      return rowCount === 1;
    },
    /** Per menu and node, over callers who left a menu in the period: how many reached the node, and how many hung up there. */
    async nodeFigures(from: number, to: number): Promise<{ menuId: string; node: string; reached: number; hungUp: number; toQueue: number; completed: number }[]> {
      const { rows } = await pool.query<{ menuId: string; node: string; reached: number; hungUp: number; toQueue: number; completed: number }>(
        `WITH menus AS (
           SELECT data->>'menuId' AS menu_id, data->'path' AS path, data->>'exit' AS exit FROM call_events
           WHERE type = 'call.menu' AND at >= $1 AND at < $2
         ), steps AS (
           SELECT menu_id, exit, step->>'node' AS node, ord, jsonb_array_length(path) AS len
           FROM menus, jsonb_array_elements(path) WITH ORDINALITY AS s(step, ord)
         )
         SELECT menu_id AS "menuId", node, count(*)::int AS reached,
                count(*) FILTER (WHERE ord = len AND exit = 'hung-up')::int AS "hungUp",
                count(*) FILTER (WHERE ord = len AND exit = 'queue')::int AS "toQueue",
                count(*) FILTER (WHERE ord = len AND exit = 'completed')::int AS completed
         FROM steps GROUP BY menu_id, node ORDER BY menu_id, node`,
        [new Date(from), new Date(to)],
      );
      return rows;
    },
  };
}
export type IvrMenuRepository = ReturnType<typeof createIvrMenuRepository>;
