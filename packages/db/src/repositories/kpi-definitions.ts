import type { KpiDefinition } from '@hotline/kpi';
import { inTransaction, type Pool } from '../pool.js';

/** A definition's rules without its version: what an administrator writes. */
export type KpiDefinitionRules = Omit<KpiDefinition, 'version'>;

export interface StoredKpiDefinition {
  definition: KpiDefinition;
  createdAt: Date;
  createdBy: string | null;
}

interface DefinitionRow {
  version: number;
  definition: KpiDefinitionRules;
  createdAt: Date;
  createdBy: string | null;
}

const SELECT_DEFINITIONS = 'SELECT version, definition, created_at AS "createdAt", created_by AS "createdBy" FROM kpi_definitions';

const stored = (row: DefinitionRow): StoredKpiDefinition => ({
  definition: { ...row.definition, version: row.version },
  createdAt: row.createdAt,
  createdBy: row.createdBy,
});

/** Versioned KPI definitions. A version is never changed (the table refuses it): a change is a new version. */
export function createKpiDefinitionRepository(pool: Pool) {
  return {
    async list(): Promise<StoredKpiDefinition[]> {
      return (await pool.query<DefinitionRow>(`${SELECT_DEFINITIONS} ORDER BY version`)).rows.map(stored);
    },
    async get(version: number): Promise<StoredKpiDefinition | undefined> {
      const row = (await pool.query<DefinitionRow>(`${SELECT_DEFINITIONS} WHERE version = $1`, [version])).rows[0];
      return row && stored(row);
    },
    async latest(): Promise<StoredKpiDefinition | undefined> {
      const row = (await pool.query<DefinitionRow>(`${SELECT_DEFINITIONS} ORDER BY version DESC LIMIT 1`)).rows[0];
      return row && stored(row);
    },
    /** Stores the rules as the next version; concurrent creators queue on the table lock, so none collide. */
    async createNext(rules: KpiDefinitionRules, createdBy: string | null): Promise<StoredKpiDefinition> {
      return inTransaction(pool, async (client) => {
        await client.query('LOCK TABLE kpi_definitions IN SHARE ROW EXCLUSIVE MODE');
        const { rows } = await client.query<DefinitionRow>(
          `INSERT INTO kpi_definitions (version, definition, created_by)
           SELECT COALESCE(MAX(version), 0) + 1, $1, $2 FROM kpi_definitions
           RETURNING version, definition, created_at AS "createdAt", created_by AS "createdBy"`,
          [JSON.stringify(rules), createdBy],
        );
        return stored(rows[0]!);
      });
    },
  };
}
export type KpiDefinitionRepository = ReturnType<typeof createKpiDefinitionRepository>;
