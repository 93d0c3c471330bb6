import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorReply, Slug } from '@hotline/contracts';
import { newApiToken } from './api-token.js';

const TokenView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  role: Type.Union([Type.Literal('supervisor'), Type.Literal('admin')]),
  teamId: Type.Union([Type.String(), Type.Null()]),
  createdBy: Type.String(),
  createdAt: Type.Unsafe<string>({ type: 'string' }),
  expiresAt: Type.Union([Type.Unsafe<string>({ type: 'string' }), Type.Null()]),
  revokedAt: Type.Union([Type.Unsafe<string>({ type: 'string' }), Type.Null()]),
  lastUsedAt: Type.Union([Type.Unsafe<string>({ type: 'string' }), Type.Null()]),
});
const NewToken = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 80 }),
    role: Type.Union([Type.Literal('supervisor'), Type.Literal('admin')], { description: 'integrations act as a supervisor of one team, or as an admin' }),
    teamId: Type.Optional(Type.Union([Slug, Type.Null()])),
    expiresInDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650 })),
  },
  { additionalProperties: false },
);
const errors = { 400: ErrorReply, 401: ErrorReply, 403: ErrorReply, 404: ErrorReply };

/** API tokens for integrations: created by an admin (the secret is shown once), listed, revoked. */
const apiTokenRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const admin = app.allow('admin');

  app.post(
    '/auth/api-tokens',
    {
      schema: { tags: ['auth'], summary: 'Create an API token for an integration; the token is in this answer only', body: NewToken, response: { 201: Type.Intersect([TokenView, Type.Object({ token: Type.String() })]), ...errors } },
      onRequest: admin,
    },
    async (request, reply) => {
      const { name, role, teamId = null, expiresInDays } = request.body;
      if (role === 'supervisor' && teamId === null) {
        return reply.code(400).send({ statusCode: 400, error: 'Bad Request', message: 'body/teamId: a supervisor token needs the team it acts for' });
      }
      const teams = await app.repos.directory.listTeams();
      if (teamId !== null && !teams.some((t) => t.id === teamId)) {
        return reply.code(400).send({ statusCode: 400, error: 'Bad Request', message: `body/teamId: no team ${teamId}` });
      }
      const { id, token, secretSha256 } = newApiToken();
      const createdBy = request.principal?.username ?? 'unknown';
      const expiresAt = expiresInDays === undefined ? null : new Date(Date.now() + expiresInDays * 86_400_000).toISOString();
      const stored = await app.repos.apiTokens.create({ id, name, role, teamId: role === 'admin' ? null : teamId, secretSha256, createdBy, expiresAt });
      await app.repos.audit.record({ actor: createdBy, action: 'api-token.create', subject: id });
      return reply.code(201).send({ ...stored, token });
    },
  );

  app.get('/auth/api-tokens', { schema: { tags: ['auth'], summary: 'API tokens (never their secrets)', response: { 200: Type.Array(TokenView), ...errors } }, onRequest: admin }, () =>
    app.repos.apiTokens.list());

  app.delete(
    '/auth/api-tokens/:id',
    {
      schema: { tags: ['auth'], summary: 'Revoke an API token at once', params: Type.Object({ id: Type.String({ pattern: '^[0-9a-f]{16}$' }) }), response: { 200: Type.Object({ revoked: Type.Boolean() }), ...errors } },
      onRequest: admin,
    },
    async (request, reply) => {
      if (!(await app.repos.apiTokens.revoke(request.params.id))) {
        return reply.code(404).send({ statusCode: 404, error: 'Not Found', message: `no active API token ${request.params.id}` });
      }
      await app.repos.audit.record({ actor: request.principal?.username ?? 'unknown', action: 'api-token.revoke', subject: request.params.id });
      return { revoked: true };
    },
  );
};
export default apiTokenRoutes;
