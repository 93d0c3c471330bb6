import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ErrorReply } from '@hotline/contracts';
import { VoicemailChange, VoicemailDetail, VoicemailMessage, VoicemailSearch } from '@hotline/contracts/api/voicemails';
import type { Principal } from '../auth/token.js';
import { Audio, sendAudio } from '../recordings/audio-reply.js';
import { canSee, decideChange, type Refusal, type VoicemailActor } from './voicemail-rules.js';

const Id = Type.Object({ id: Type.String({ format: 'uuid' }) });
const errors = { 400: ErrorReply, 401: ErrorReply, 403: ErrorReply, 404: ErrorReply };

function actorOf(principal: Principal | undefined): VoicemailActor {
  if (principal?.role === 'admin' || principal?.role === 'supervisor') return { role: principal.role };
  return { role: 'agent', agentId: principal?.agentId ?? null };
}

/**
 * The queues' voicemail boxes, worked like a to-do list: supervisors and admins see every box
 * (a message is a call nobody took: every team's concern) and assign messages to agents of their
 * scope; an agent sees the messages assigned to them and marks them called back or closed.
 * Playing and every change are audited; the message keeps its own history.
 */
export const voicemailRoutes: FastifyPluginAsyncTypebox<{ handled(id: string): void }> = async (app, { handled }) => {
  const anyone = app.allow('agent', 'supervisor', 'admin');
  const notFound = (id: string) => ({ statusCode: 404 as const, error: 'Not Found', message: `no voicemail message ${id}` });

  app.get(
    '/voicemails',
    { schema: { tags: ['voicemail'], summary: "The queues' voicemail messages, newest first (an agent: those assigned to them)", querystring: VoicemailSearch, response: { 200: Type.Array(VoicemailMessage), ...errors } }, onRequest: anyone },
    async (request) => {
      const q = request.query;
      const actor = actorOf(request.principal);
      return app.repos.voicemails.search({
        ...(q.status ? { status: q.status } : {}),
        ...(q.queueId ? { queueId: q.queueId } : {}),
        ...(q.assigneeId ? { assigneeId: q.assigneeId } : {}),
        ...(q.from ? { from: Date.parse(q.from) } : {}),
        ...(q.to ? { to: Date.parse(q.to) } : {}),
        // The scope is not a filter the caller may widen.
        ...(actor.role === 'agent' ? { assigneeId: actor.agentId ?? '-' } : {}),
        limit: q.limit,
      });
    },
  );

  app.get(
    '/voicemails/:id',
    { schema: { tags: ['voicemail'], summary: 'One message with its history (left, heard, assigned, called back, closed)', params: Id, response: { 200: VoicemailDetail, ...errors } }, onRequest: anyone },
    async (request, reply) => {
      const message = await app.repos.voicemails.get(request.params.id);
      if (!message || !canSee(actorOf(request.principal), message)) return reply.code(404).send(notFound(request.params.id));
      return { ...message, history: await app.repos.voicemails.history(message.id) };
    },
  );

  app.get(
    '/voicemails/:id/audio',
    {
      schema: {
        tags: ['voicemail'],
        summary: 'Play (with HTTP range requests) or download a message; every access is audited, the first marks it heard',
        params: Id,
        querystring: Type.Object({ download: Type.Boolean({ default: false }) }, { additionalProperties: false }),
        response: { 200: Audio, 206: Audio, ...errors, 416: ErrorReply },
      },
      onRequest: anyone,
    },
    async (request, reply) => {
      const { id } = request.params;
      const message = await app.repos.voicemails.get(id);
      const audio = message && canSee(actorOf(request.principal), message) ? await app.repos.voicemails.audio(id) : undefined;
      if (!audio?.path) return reply.code(404).send(notFound(id));
      const actor = request.principal?.username ?? 'unknown';
      const download = request.query.download;
      return sendAudio(reply, { path: audio.path, name: `voicemail-${id}`, rangeHeader: request.headers.range, download }, async (range) => {
        await app.repos.audit.record({ actor, action: download ? 'voicemail.download' : 'voicemail.play', subject: id, data: range ? { range: `${range.start}-${range.end}` } : {} });
        await app.repos.voicemails.heard(id, actor);
      });
    },
  );

  app.patch(
    '/voicemails/:id',
    {
      schema: {
        tags: ['voicemail'],
        summary: 'Assign a message to an agent (null: unassign), mark it called-back or closed, reopen it (new), or add a note',
        params: Id,
        body: VoicemailChange,
        response: { 200: VoicemailMessage, ...errors, 409: ErrorReply },
      },
      onRequest: anyone,
    },
    async (request, reply) => {
      const { id } = request.params;
      const change = request.body;
      const actor = actorOf(request.principal);
      const assignee = change.assigneeId;
      if (assignee) {
        if (!app.router.agentConfig(assignee)) return reply.code(400).send({ statusCode: 400, error: 'Bad Request', message: `body/assigneeId: no agent ${assignee}` });
        if (actor.role !== 'agent' && !app.scope(request).agent(assignee)) {
          return reply.code(403).send({ statusCode: 403, error: 'Forbidden', message: `body/assigneeId: agent ${assignee} is outside your team` });
        }
      }
      const username = request.principal?.username ?? 'unknown';
      // A message the actor may not see is refused as one that does not exist.
      const result = await app.repos.voicemails.change<Refusal | 'unseen'>(id, username, (current) => (canSee(actor, current) ? decideChange(actor, current, change) : { refusal: 'unseen' as const }));
      if (!result) return reply.code(404).send(notFound(id));
      if ('refusal' in result) {
        const { refusal } = result;
        if (refusal === 'unseen') return reply.code(404).send(notFound(id));
        return reply.code(refusal.statusCode).send({ statusCode: refusal.statusCode, error: refusal.statusCode === 403 ? 'Forbidden' : 'Conflict', message: refusal.message });
      }
      await app.repos.audit.record({ actor: username, action: 'voicemail.change', subject: id, data: { ...change } });
      if (result.message.status !== 'new') handled(id);
      return result.message;
    },
  );
};
