import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { DialNumber, ErrorReply, Extension, Slug } from '@hotline/contracts';
import { Recording } from '@hotline/contracts/api/recordings';
import type { RecordingListing } from '@hotline/db';
import type { Principal } from '../auth/token.js';
import { Audio, sendAudio } from './audio-reply.js';

const Uuid = Type.String({ pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' });
const Search = Type.Object(
  {
    from: Type.Optional(Type.String({ format: 'date-time' })),
    to: Type.Optional(Type.String({ format: 'date-time' })),
    agentId: Type.Optional(Extension),
    queueId: Type.Optional(Slug),
    customerNumber: Type.Optional(DialNumber),
    minSecs: Type.Optional(Type.Number({ minimum: 0 })),
    maxSecs: Type.Optional(Type.Number({ minimum: 0 })),
    surveyScore: Type.Optional(Type.Integer({ minimum: 0, maximum: 10 })),
    limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
  },
  { additionalProperties: false },
);
const errors = { 400: ErrorReply, 401: ErrorReply, 403: ErrorReply, 404: ErrorReply };

/** Agents hear their own calls (self-review), supervisors their team's, admins all. */
function canHear(principal: Principal | undefined, recording: RecordingListing): boolean {
  if (principal?.role === 'admin') return true;
  if (principal?.role === 'supervisor') return principal.teamId !== null && recording.teamId === principal.teamId;
  return principal?.role === 'agent' && principal.agentId !== null && recording.agentId === principal.agentId;
}

const recordingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const anyone = app.allow('agent', 'supervisor', 'admin');
  const notFound = (id: string) => ({ statusCode: 404, error: 'Not Found', message: `no recording ${id}` });

  app.get(
    '/recordings',
    { schema: { tags: ['recordings'], summary: 'Search stored call recordings (scoped by role)', querystring: Search, response: { 200: Type.Array(Recording), ...errors } }, onRequest: anyone },
    async (request) => {
      const q = request.query;
      const principal = request.principal;
      return app.repos.recordings.search({
        ...(q.from ? { from: Date.parse(q.from) } : {}),
        ...(q.to ? { to: Date.parse(q.to) } : {}),
        ...(q.agentId ? { agentId: q.agentId } : {}),
        ...(q.queueId ? { queueId: q.queueId } : {}),
        ...(q.customerNumber ? { customerNumber: q.customerNumber } : {}),
        ...(q.minSecs !== undefined ? { minSecs: q.minSecs } : {}),
        ...(q.maxSecs !== undefined ? { maxSecs: q.maxSecs } : {}),
        ...(q.surveyScore !== undefined ? { surveyScore: q.surveyScore } : {}),
        // The scope is not a filter the caller may widen.
        ...(principal?.role === 'agent' ? { agentId: principal.agentId ?? '-' } : {}),
        ...(principal?.role === 'supervisor' ? { teamId: principal.teamId ?? '-' } : {}),
        limit: q.limit,
      });
    },
  );

  app.get(
    '/recordings/:id',
    { schema: { tags: ['recordings'], params: Type.Object({ id: Uuid }), response: { 200: Recording, ...errors } }, onRequest: anyone },
    async (request, reply) => {
      const recording = await app.repos.recordings.get(request.params.id);
      if (!recording || !canHear(request.principal, recording)) return reply.code(404).send(notFound(request.params.id));
      return recording;
    },
  );

  app.get(
    '/recordings/:id/audio',
    {
      schema: {
        tags: ['recordings'],
        summary: 'Stream (with HTTP range requests, so an <audio> element can seek) or download a recording; every access is audited',
        params: Type.Object({ id: Uuid }),
        querystring: Type.Object({ download: Type.Boolean({ default: false }) }, { additionalProperties: false }),
        response: { 200: Audio, 206: Audio, ...errors, 416: ErrorReply },
      },
      onRequest: anyone,
    },
    async (request, reply) => {
      const recording = await app.repos.recordings.get(request.params.id);
      if (!recording || recording.status !== 'stored' || !recording.path || !canHear(request.principal, recording)) {
        return reply.code(404).send(notFound(request.params.id));
      }
      const download = request.query.download;
      return sendAudio(reply, { path: recording.path, name: recording.id, rangeHeader: request.headers.range, download }, (range) =>
        app.repos.audit.record({
          actor: request.principal?.username ?? 'unknown',
          action: download ? 'recording.download' : 'recording.play',
          subject: recording.id,
          data: { callId: recording.callId, ...(range ? { range: `${range.start}-${range.end}` } : {}) },
        }),
      );
    },
  );
};
export default recordingRoutes;
