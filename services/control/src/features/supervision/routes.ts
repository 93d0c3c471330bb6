import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ErrorReply, Extension, Slug } from '@hotline/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { LiveCall } from '../calls/live-calls.js';
import { MEDIA_PATHS, type MonitorSession } from './supervision-service.js';

const Mode = Type.Union([Type.Literal('listen'), Type.Literal('whisper'), Type.Literal('barge')]);
const Uuid = Type.String({ format: 'uuid' });
const Session = Type.Object({
  id: Type.String(),
  callId: Type.String(),
  agentId: Type.Union([Type.String(), Type.Null()]),
  supervisor: Type.String(),
  mode: Mode,
  state: Type.String(),
  /** The media path as built: what the supervisor hears and who hears the supervisor. */
  spy: Type.String(),
  whisper: Type.String(),
  supervisorChannelId: Type.String(),
  snoopChannelId: Type.Union([Type.String(), Type.Null()]),
  bridgeId: Type.String(),
  startedAt: Type.Integer(),
});
const Start = Type.Object(
  {
    mode: Mode,
    callId: Type.Optional(Uuid),
    agentId: Type.Optional(Extension),
    /** Random listening: a live call picked uniformly, in `teamId` (a supervisor's own team by default). */
    random: Type.Optional(Type.Boolean()),
    teamId: Type.Optional(Slug),
  },
  { additionalProperties: false },
);
const errors = { 400: ErrorReply, 401: ErrorReply, 403: ErrorReply, 404: ErrorReply, 409: ErrorReply };

const view = (s: MonitorSession) => ({
  id: s.id, callId: s.callId, agentId: s.agentId, supervisor: s.supervisor, mode: s.mode, state: s.state,
  spy: s.mode === 'barge' ? 'bridge' : MEDIA_PATHS[s.mode].spy, whisper: s.mode === 'barge' ? 'bridge' : MEDIA_PATHS[s.mode].whisper,
  supervisorChannelId: s.supervisorChannelId, snoopChannelId: s.snoopChannelId, bridgeId: s.bridgeId, startedAt: s.startedAt,
});

/** Listen, whisper, barge and end: supervisors on their own team's calls, admins on any. */
const supervisionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const supervisors = app.allow('supervisor', 'admin');
  const fail = (reply: FastifyReply, status: 400 | 403 | 404 | 409, message: string) =>
    reply.code(status).send({ statusCode: status, error: { 400: 'Bad Request', 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict' }[status], message });

  const teamOf = (call: LiveCall) => (call.agentId ? app.router.teamOf(call.agentId) : null);
  const mayWatch = (request: FastifyRequest, call: LiveCall) =>
    request.principal?.role === 'admin' || (request.principal?.teamId !== null && teamOf(call) === request.principal?.teamId);
  const talking = () => app.callFlow.calls.list().filter((c) => c.state === 'talking');

  app.post(
    '/supervision',
    {
      schema: { tags: ['supervision'], summary: 'Monitor a live call (by call, by agent, or a random one of a team): rings your phone, then joins you in the chosen mode', body: Start, response: { 201: Session, ...errors } },
      onRequest: supervisors,
    },
    async (request, reply) => {
      const { mode, callId, agentId, random, teamId } = request.body;
      if ([callId, agentId, random].filter((x) => x !== undefined && x !== false).length !== 1) {
        return fail(reply, 400, 'body: give exactly one of callId, agentId or random');
      }
      const user = await app.repos.users.findByUsername(request.principal?.username ?? '');
      if (!user?.extension) return fail(reply, 409, 'you have no phone to monitor on (users.extension)');
      let call: LiveCall | undefined;
      if (callId) call = app.callFlow.calls.get(callId);
      else if (agentId) call = talking().find((c) => c.agentId === agentId);
      else {
        const team = request.principal?.role === 'admin' ? teamId : request.principal?.teamId;
        const candidates = talking().filter((c) => !team || teamOf(c) === team);
        call = candidates[Math.floor(Math.random() * candidates.length)];
      }
      if (!call || call.state !== 'talking') return fail(reply, 404, 'no such live call');
      if (!mayWatch(request, call)) return fail(reply, 403, "supervisors monitor their own team's calls");
      const session = await app.supervision.start({ username: user.username, extension: user.extension }, call, mode);
      return reply.code(201).send(view(session));
    },
  );

  app.get('/supervision', { schema: { tags: ['supervision'], response: { 200: Type.Array(Session), ...errors } }, onRequest: supervisors }, async (request) =>
    app.supervision.list().filter((s) => request.principal?.role === 'admin' || s.supervisor === request.principal?.username).map(view),
  );

  const own = (request: FastifyRequest, session: MonitorSession | undefined) =>
    session && (request.principal?.role === 'admin' || session.supervisor === request.principal?.username) ? session : undefined;

  app.patch(
    '/supervision/:id',
    { schema: { tags: ['supervision'], summary: 'Switch mode without dropping', params: Type.Object({ id: Uuid }), body: Type.Object({ mode: Mode }, { additionalProperties: false }), response: { 200: Session, ...errors } }, onRequest: supervisors },
    async (request, reply) => {
      if (!own(request, app.supervision.get(request.params.id))) return fail(reply, 404, `no session ${request.params.id}`);
      const session = await app.supervision.setMode(request.params.id, request.body.mode);
      return session ? view(session) : fail(reply, 409, 'the session has ended');
    },
  );

  app.delete(
    '/supervision/:id',
    { schema: { tags: ['supervision'], summary: 'Stop monitoring', params: Type.Object({ id: Uuid }), response: { 200: Session, ...errors } }, onRequest: supervisors },
    async (request, reply) => {
      if (!own(request, app.supervision.get(request.params.id))) return fail(reply, 404, `no session ${request.params.id}`);
      const session = await app.supervision.end(request.params.id, `stopped by ${request.principal?.username}`);
      return session ? view(session) : fail(reply, 404, `no session ${request.params.id}`);
    },
  );

  app.delete(
    '/calls/:id',
    { schema: { tags: ['supervision'], summary: 'End a live call (both parties are released)', params: Type.Object({ id: Uuid }), response: { 200: Type.Object({ ended: Type.Boolean() }), ...errors } }, onRequest: supervisors },
    async (request, reply) => {
      const call = app.callFlow.calls.get(request.params.id);
      if (!call || call.state === 'ended') return fail(reply, 404, `no live call ${request.params.id}`);
      if (!mayWatch(request, call)) return fail(reply, 403, "supervisors end their own team's calls");
      await app.repos.audit.record({ actor: request.principal?.username ?? 'unknown', action: 'call.end', subject: call.id, data: { agentId: call.agentId } });
      return { ended: await app.callFlow.forceEnd(call.id) };
    },
  );
};
export default supervisionRoutes;
