import pg from 'pg';

export interface PostgresSettings {
  host: string;
  port: number;
  database: string;
  user: string;
  password: string;
}

export type Pool = pg.Pool;
export type PoolClient = pg.PoolClient;

export function createPool(settings: PostgresSettings, max = 10): Pool {
  const pool = new pg.Pool({ ...settings, max, connectionTimeoutMillis: 5_000 });
  // A client losing its server must not crash the process: an idle one is dropped (the next query
  // reconnects), one in use fails its query, which its caller handles (a job is retried). Without
  // a listener of its own, a client checked out when PostgreSQL goes away throws 'error' at the top.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  return pool;
}

/** Runs `work` in one transaction: everything it wrote is kept, or nothing is. */
export async function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
