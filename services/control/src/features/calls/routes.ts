import { ErrorReply, IvrExit, IvrStep } from '@hotline/contracts';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { liveCallView } from '../live/views.js';

const CallView = Type.Object({
  id: Type.String(),
  queueId: Type.Union([Type.String(), Type.Null()]),
  customerNumber: Type.Union([Type.String(), Type.Null()]),
  state: Type.Union([
    Type.Literal('greeting'), Type.Literal('waiting'), Type.Literal('callback'), Type.Literal('ringing'), Type.Literal('calling-back'),
    Type.Literal('dialing'), Type.Literal('talking'), Type.Literal('voicemail'), Type.Literal('ended'),
  ]),
  agentId: Type.Union([Type.String(), Type.Null()]),
  enqueuedAt: Type.Union([Type.Number(), Type.Null()]),
  answeredAt: Type.Union([Type.Number(), Type.Null()]),
  endedAt: Type.Union([Type.Number(), Type.Null()]),
  outcome: Type.Union([Type.String(), Type.Null()]),
  /** Set when the caller asked to be called back. */
  callback: Type.Optional(Type.Union([
    Type.Object({ requestedAt: Type.Number(), attempts: Type.Integer(), retryAt: Type.Union([Type.Number(), Type.Null()]), status: Type.Union([Type.String(), Type.Null()]) }),
    Type.Null(),
  ])),
});
type CallView = Static<typeof CallView>;

const nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
/** The stored record of a call, as the workers fold it from the call's events (complete once it ended). */
const CallRecordView = Type.Object({
  customerTier: nullable(Type.String()),
  waitSecs: nullable(Type.Number({ description: 'entering the queue → answered (or → the end, for an abandon)' })),
  ringSecs: nullable(Type.Number({ description: "the answered offer: the agent's phone ringing → answered" })),
  talkSecs: nullable(Type.Number({ description: 'answered → ended, hold included' })),
  holdSecs: Type.Number(),
  wrapUpSecs: nullable(Type.Number({ description: 'after-call work, once it ended' })),
  hangupBy: nullable(Type.String({ description: 'caller, agent, supervisor or system' })),
  disposition: nullable(Type.String()),
  dispositionNote: nullable(Type.String()),
  transferredTo: nullable(Type.String()),
  recordingId: nullable(Type.String()),
  surveyOffered: Type.Boolean(),
  surveyScale: nullable(Type.Union([Type.Literal('csat'), Type.Literal('nps')])),
  surveyScore: nullable(Type.Integer()),
  estimates: Type.Integer({ description: 'wait estimates announced to the caller' }),
  estimateErrorSecs: Type.Number({ description: 'their summed absolute error against the wait that followed' }),
  callbackRequestedAt: nullable(Type.Number()),
  callbackStatus: nullable(Type.Union([Type.Literal('completed'), Type.Literal('failed'), Type.Literal('cancelled')])),
  callbackAttempts: Type.Integer(),
  outboundStatus: nullable(Type.Union([Type.Literal('answered'), Type.Literal('no-answer'), Type.Literal('busy'), Type.Literal('failed'), Type.Literal('cancelled')])),
  menuId: nullable(Type.String({ description: 'the IVR menu the caller came through' })),
  menuPath: nullable(Type.Array(IvrStep, { description: 'their way through it: each node reached, and the key that left it' })),
  menuExit: nullable(IvrExit),
});
const CallDetail = Type.Composite([CallView, Type.Object({ record: nullable(CallRecordView) })]);

const CallQuery = Type.Object({
  state: Type.Optional(Type.Union([Type.Literal('live'), Type.Literal('ended'), Type.Literal('all')], { default: 'live' })),
});
const errors = { 401: ErrorReply, 403: ErrorReply, 404: ErrorReply };

const callRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/calls',
    {
      schema: { tags: ['calls'], summary: 'Calls being handled now (and those ended in the last minutes)', querystring: CallQuery, response: { 200: Type.Array(CallView), ...errors } },
      onRequest: app.allow('agent', 'supervisor', 'admin'),
    },
    async (request) => {
      const wanted = request.query.state ?? 'live';
      const scope = app.scope(request);
      return app.callFlow.calls
        .list()
        .filter((c) => wanted === 'all' || (wanted === 'ended') === (c.state === 'ended'))
        .filter((c) => scope.call(c))
        .map(liveCallView);
    },
  );

  app.get(
    '/calls/:id',
    {
      schema: {
        tags: ['calls'],
        summary: 'One call: its live state, and its stored record (wait, ring, talk, hold, wrap-up, disposition, survey, recording, callback)',
        description: 'While the call is live, `record` holds what is stored so far (null until the first event is stored); once it ended, the complete record.',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: { 200: CallDetail, ...errors },
      },
      onRequest: app.allow('agent', 'supervisor', 'admin'),
    },
    async (request, reply) => {
      const live = app.callFlow.calls.get(request.params.id);
      const record = (await app.repos.callRecords.get(request.params.id)) ?? null;
      const view: CallView | undefined = live ? liveCallView(live) : record ? { ...record, state: 'ended' } : undefined;
      if (!view || !app.scope(request).call(view)) {
        return reply.code(404).send({ statusCode: 404, error: 'Not Found', message: `no call ${request.params.id}` });
      }
      return { ...view, record };
    },
  );

  app.post(
    '/calls/:id/recording',
    {
      schema: {
        tags: ['calls'],
        summary: 'Pause or resume the call recording (paused spans are silent in the file and listed with it)',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        body: Type.Object({ paused: Type.Boolean() }, { additionalProperties: false }),
        response: { 200: Type.Object({ paused: Type.Boolean() }), ...errors, 409: ErrorReply },
      },
      onRequest: app.allow('agent', 'supervisor', 'admin'),
    },
    async (request, reply) => {
      const live = app.callFlow.calls.get(request.params.id);
      const principal = request.principal;
      if (!live || !app.scope(request).call(live)) {
        return reply.code(404).send({ statusCode: 404, error: 'Not Found', message: `no live call ${request.params.id}` });
      }
      const result = await app.callFlow.setRecordingPaused(live.id, request.body.paused);
      if (result === 'no-call' || result === 'not-recording') {
        return reply.code(409).send({ statusCode: 409, error: 'Conflict', message: result === 'no-call' ? 'the call is not connected to an agent' : 'this call is not being recorded' });
      }
      await app.repos.audit.record({ actor: principal?.username ?? 'unknown', action: request.body.paused ? 'recording.pause' : 'recording.resume', subject: live.id });
      return { paused: request.body.paused };
    },
  );

  app.post(
    '/calls/:id/disposition',
    {
      schema: {
        tags: ['calls'],
        summary: "The agent's wrap-up of a call: a disposition code and a note (during the call or its after-call work)",
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        body: Type.Object(
          { code: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,39}$' }), note: Type.String({ maxLength: 2000, default: '' }) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ code: Type.String(), note: Type.String() }), ...errors },
      },
      onRequest: app.allow('agent', 'supervisor', 'admin'),
    },
    async (request, reply) => {
      const call = app.callFlow.calls.get(request.params.id);
      if (!call || !call.agentId || !app.scope(request).call(call)) {
        return reply.code(404).send({ statusCode: 404, error: 'Not Found', message: `no recent call ${request.params.id} of yours` });
      }
      app.callFlow.dispose(call, request.body.code, request.body.note);
      return { code: request.body.code, note: request.body.note };
    },
  );
};
export default callRoutes;
