import type { Customer } from '@hotline/contracts';
import type { Pool } from '../pool.js';

export function createCustomerRepository(pool: Pool) {
  return {
    /** The caller's tier decides their priority in the queue; unknown numbers are 'standard'. */
    async tierOf(number: string): Promise<Customer['tier']> {
      const { rows } = await pool.query<{ tier: Customer['tier'] }>('SELECT tier FROM customers WHERE number = $1', [number]);
      return rows[0]?.tier ?? 'standard';
    },
    async upsert(customer: Customer): Promise<void> {
      await pool.query(
        `INSERT INTO customers (number, name, tier) VALUES ($1, $2, $3)
         ON CONFLICT (number) DO UPDATE SET name = $2, tier = $3`,
        [customer.number, customer.name, customer.tier],
      );
    },
  };
}
export type CustomerRepository = ReturnType<typeof createCustomerRepository>;
