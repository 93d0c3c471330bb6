import type { FastifyReply } from 'fastify';

interface PgError {
  code?: string;
  detail?: string;
  constraint?: string;
}

/**
 * Turns a constraint violation into the 4xx it deserves (an unknown skill, a number already
 * taken); anything else is rethrown as a real server error.
 */
export function replyToConstraint(error: unknown, reply: FastifyReply): FastifyReply {
  const { code, detail } = error as PgError;
  if (code === '23503') return reply.code(400).send({ statusCode: 400, error: 'Bad Request', message: `refers to something that does not exist: ${detail ?? ''}` });
  if (code === '23505') return reply.code(409).send({ statusCode: 409, error: 'Conflict', message: `already in use: ${detail ?? ''}` });
  throw error;
}
