import fp from 'fastify-plugin';

const NUMERAL = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;
/** Also coerced by Ajv (it compares with `+value`), to Infinity and NaN. */
const NOT_A_FINITE_NUMBER = /^[-+]?(infinity|nan)$/i;

/**
 * Ajv's type coercion turns a query value such as "1e999" or "Infinity" into Infinity, which then passes an
 * integer schema with a maximum. Such values are refused here, before validation, naming the field.
 */
export default fp(
  async (app) => {
    app.addHook('preValidation', async (request, reply) => {
      const query = request.query as Record<string, unknown> | undefined;
      for (const [name, value] of Object.entries(query ?? {})) {
        for (const item of Array.isArray(value) ? value : [value]) {
          if (typeof item === 'string' && (NOT_A_FINITE_NUMBER.test(item) || (NUMERAL.test(item) && !Number.isFinite(Number(item))))) {
            return reply.code(400).send({ statusCode: 400, error: 'Bad Request', message: `querystring/${name} is out of range` });
          }
        }
      }
    });
  },
  { name: 'finite-query-numbers' },
);
