import { randomUUID } from 'node:crypto';
import fp from 'fastify-plugin';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ErrorReply } from '@hotline/contracts';
import { BLOCK_PATTERN, BlockList } from './block-list.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The blocks in force, read by admission without touching PostgreSQL. */
    blockList: BlockList;
  }
}

const Block = Type.Object({
  id: Type.String(),
  pattern: Type.String(),
  reason: Type.String(),
  action: Type.Union([Type.Literal('message'), Type.Literal('reject')]),
  expiresAt: Type.Union([Type.Integer(), Type.Null()]),
  createdBy: Type.String(),
  createdAt: Type.Integer(),
});
const NewBlock = Type.Object(
  {
    pattern: Type.String({ pattern: BLOCK_PATTERN, description: "a caller's number, or a prefix ending in '*' (e.g. 1900*)" }),
    reason: Type.String({ minLength: 1, maxLength: 200 }),
    action: Type.Union([Type.Literal('message'), Type.Literal('reject')], {
      default: 'message',
      description: "'message': answered, told calls from the number are not taken, released; 'reject': refused unanswered",
    }),
    expiresAt: Type.Optional(Type.Union([Type.String({ format: 'date-time' }), Type.Null()], { description: 'when the block lapses; none: until lifted' })),
  },
  { additionalProperties: false },
);
const REREAD_EVERY_MS = 60_000;
const errors = { 400: ErrorReply, 401: ErrorReply, 403: ErrorReply, 404: ErrorReply };

/**
 * Blocked callers: supervisors and administrators block a number or a prefix, with a reason, what
 * the caller gets and an expiry; every change is audited. A blocked caller never reaches an agent
 * and is recorded as `blocked`, apart from abandons (calls/call-admission.ts).
 */
const blockedRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const staff = app.allow('supervisor', 'admin');
  const refresh = async () => app.blockList.replace(await app.repos.blockedNumbers.list());

  app.get(
    '/blocked-numbers',
    { schema: { tags: ['blocked'], summary: 'The numbers and prefixes whose calls are not taken, lapsed ones included', response: { 200: Type.Array(Block), ...errors } }, onRequest: staff },
    async () => app.repos.blockedNumbers.list(),
  );

  app.post(
    '/blocked-numbers',
    { schema: { tags: ['blocked'], summary: 'Block a number or prefix (or change its block)', body: NewBlock, response: { 201: Block, ...errors } }, onRequest: staff },
    async (request, reply) => {
      const { pattern, reason, action, expiresAt } = request.body;
      const expires = expiresAt ? Date.parse(expiresAt) : null;
      if (expires !== null && expires <= Date.now()) {
        return reply.code(400).send({ statusCode: 400, error: 'Bad Request', message: 'body/expiresAt must be in the future' });
      }
      const actor = request.principal?.username ?? 'unknown';
      const block = await app.repos.blockedNumbers.put({ id: randomUUID(), pattern, reason, action, expiresAt: expires, createdBy: actor });
      await app.repos.audit.record({ actor, action: 'caller.block', subject: pattern, data: { reason, action, expiresAt: expires } });
      await refresh();
      return reply.code(201).send(block);
    },
  );

  app.delete(
    '/blocked-numbers/:id',
    {
      schema: { tags: ['blocked'], summary: 'Lift a block', params: Type.Object({ id: Type.String({ format: 'uuid' }) }), response: { 204: Type.Null(), ...errors } },
      onRequest: staff,
    },
    async (request, reply) => {
      const removed = await app.repos.blockedNumbers.remove(request.params.id);
      if (!removed) return reply.code(404).send({ statusCode: 404, error: 'Not Found', message: `no block ${request.params.id}` });
      await app.repos.audit.record({ actor: request.principal?.username ?? 'unknown', action: 'caller.unblock', subject: removed.pattern, data: { reason: removed.reason } });
      await refresh();
      return reply.code(204).send(null);
    },
  );
};

export default fp(
  async (app) => {
    const list = new BlockList();
    app.decorate('blockList', list);
    // Read before callers are taken, and again every minute: with PostgreSQL away at start, the
    // blocks apply as soon as it is back (a block set through the API applies at once).
    const load = () =>
      app.repos.blockedNumbers.list().then(
        (blocks) => list.replace(blocks),
        (error: Error) => app.log.error({ err: error.message }, 'could not read the blocked numbers; the last list read still applies'),
      );
    await load();
    const timer = setInterval(() => void load(), REREAD_EVERY_MS);
    timer.unref();
    app.addHook('onClose', async () => clearInterval(timer));
    await app.register(blockedRoutes);
  },
  { name: 'blocked', dependencies: ['infra', 'auth'] },
);
