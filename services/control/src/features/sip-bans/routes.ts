import { isIP } from 'node:net';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { Type } from '@sinclair/typebox';
import { ErrorReply } from '@hotline/contracts';
import { createFail2banPort, fail2banClient, type SipBanPort } from './fail2ban.js';

const Address = Type.String({ minLength: 2, maxLength: 45, pattern: '^[0-9a-fA-F:.]+$', description: 'an IPv4 or IPv6 address' });
const Ban = Type.Object({ address: Type.String(), bannedAt: Type.Number(), expiresAt: Type.Union([Type.Number(), Type.Null()]) });
const BanList = Type.Object({
  settings: Type.Object({ maxRetry: Type.Integer(), findTimeSecs: Type.Integer(), banTimeSecs: Type.Integer() }),
  /** Addresses with failures counted that are not banned (yet). */
  failingAddresses: Type.Integer(),
  bans: Type.Array(Ban),
});
const errors = { 400: ErrorReply, 401: ErrorReply, 403: ErrorReply, 404: ErrorReply, 503: ErrorReply };
const DESCRIPTION =
  "fail2ban reads Asterisk's security log and bans an address that fails SIP authentication (wrong password, unknown account, failed ACL) maxRetry times within findTimeSecs, for banTimeSecs: its packets to the SIP ports are dropped. The machine's own 127.0.0.1 is never banned.";

/** The SIP ban list, for administrators: list, ban by hand, lift; every change audited. */
const sipBanRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const settings = app.config.sipBan;
  const port: SipBanPort | undefined = settings && createFail2banPort(settings.jail, fail2banClient(settings));
  const admin = app.allow('admin');
  const unavailable = (reply: FastifyReply) =>
    reply.code(503).send({ statusCode: 503, error: 'Service Unavailable', message: 'SIP bans are not managed by this deployment (no sipBan settings)' });
  const badAddress = (reply: FastifyReply, where: string, address: string) =>
    reply.code(400).send({ statusCode: 400, error: 'Bad Request', message: `${where}: '${address}' is not an IPv4 or IPv6 address` });

  app.get(
    '/security/sip-bans',
    { schema: { tags: ['security'], summary: 'Addresses banned for repeated SIP authentication failures', description: DESCRIPTION, response: { 200: BanList, ...errors } }, onRequest: admin },
    async (_request, reply) => {
      if (!port || !settings) return unavailable(reply);
      const [bans, failingAddresses] = await Promise.all([port.list(), port.failing()]);
      return { settings: { maxRetry: settings.maxRetry, findTimeSecs: settings.findTimeSecs, banTimeSecs: settings.banTimeSecs }, failingAddresses, bans };
    },
  );

  app.post(
    '/security/sip-bans',
    {
      schema: {
        tags: ['security'], summary: 'Ban an address from SIP by hand (for the configured ban time)',
        body: Type.Object({ address: Address, reason: Type.Optional(Type.String({ maxLength: 200 })) }, { additionalProperties: false }),
        response: { 201: Type.Object({ address: Type.String() }), 200: Type.Object({ address: Type.String() }), ...errors },
      },
      onRequest: admin,
    },
    async (request, reply) => {
      if (!port) return unavailable(reply);
      const { address, reason } = request.body;
      if (isIP(address) === 0) return badAddress(reply, 'body/address', address);
      const added = await port.ban(address);
      await app.repos.audit.record({ actor: request.principal?.username ?? 'unknown', action: 'sip.ban', subject: address, data: { reason: reason ?? null, added } });
      return reply.code(added ? 201 : 200).send({ address });
    },
  );

  app.delete(
    '/security/sip-bans/:address',
    { schema: { tags: ['security'], summary: 'Lift a SIP ban at once', params: Type.Object({ address: Address }), response: { 204: Type.Null(), ...errors } }, onRequest: admin },
    async (request, reply) => {
      if (!port) return unavailable(reply);
      const { address } = request.params;
      if (isIP(address) === 0) return badAddress(reply, 'params/address', address);
      if (!(await port.unban(address))) return reply.code(404).send({ statusCode: 404, error: 'Not Found', message: `${address} is not banned` });
      await app.repos.audit.record({ actor: request.principal?.username ?? 'unknown', action: 'sip.unban', subject: address });
      request.log.info({ address, by: request.principal?.username }, 'SIP ban lifted');
      return reply.code(204).send(null);
    },
  );
};
export default sipBanRoutes;
