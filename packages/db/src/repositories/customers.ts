import type { Customer } from '@hotline/contracts';
import { inTransaction, type Pool } from '../pool.js';

export function createCustomerRepository(pool: Pool) {
  return {
    /** The caller's tier decides their priority in the queue; unknown numbers are 'standard'. */
    async tierOf(number: string): Promise<Customer['tier']> {
      const { rows } = await pool.query<{ tier: Customer['tier'] }>('SELECT tier FROM customers WHERE number = $1', [number]);
      return rows[0]?.tier ?? 'standard';
    },
    async get(number: string): Promise<Customer | undefined> {
      return (await pool.query<Customer>('SELECT number, name, tier FROM customers WHERE number = $1', [number])).rows[0];
    },
    /** All rows or none: one statement per thousand rows inside a single transaction. */
    async importAll(customers: readonly Customer[]): Promise<number> {
      return inTransaction(pool, async (client) => {
        for (let i = 0; i < customers.length; i += 1000) {
          const batch = customers.slice(i, i + 1000);
          await client.query(
            `INSERT INTO customers (number, name, tier)
             SELECT * FROM unnest($1::text[], $2::text[], $3::text[])
             ON CONFLICT (number) DO UPDATE SET name = EXCLUDED.name, tier = EXCLUDED.tier`,
            [batch.map((c) => c.number), batch.map((c) => c.name), batch.map((c) => c.tier)],
          );
        }
        return customers.length;
      });
    },
  };
}
export type CustomerRepository = ReturnType<typeof createCustomerRepository>;
