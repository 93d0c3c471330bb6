import fp from 'fastify-plugin';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ErrorReply } from '@hotline/contracts';
import type { Drift } from './drift.js';
import { Reconciler } from './reconciler.js';
import { playbackId } from '../calls/media.js';

/** How often our view is compared with Asterisk's. */
const PASS_EVERY_MS = 5_000;
/** After a reconnect the second, confirming pass comes sooner. */
const CONFIRM_AFTER_RECONNECT_MS = 1_500;

const Correction = Type.Object({
  id: Type.String(),
  at: Type.String(),
  kind: Type.String(),
  callId: Type.Union([Type.String(), Type.Null()]),
  agentId: Type.Union([Type.String(), Type.Null()]),
  evidence: Type.Record(Type.String(), Type.Unknown()),
});

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/state-corrections',
    {
      schema: {
        tags: ['health'],
        summary: "Where the service's view of calls and agents differed from Asterisk's and was corrected, with the evidence; newest first",
        querystring: Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }) }, { additionalProperties: false }),
        response: { 200: Type.Array(Correction), 400: ErrorReply, 401: ErrorReply, 403: ErrorReply },
      },
      onRequest: app.allow('supervisor', 'admin'),
    },
    (request) => app.repos.stateCorrections.list(request.query.limit),
  );
};

/**
 * Self-healing state: every few seconds, and at once after ARI reconnects (events were lost while
 * it was away), our calls and agents are compared with Asterisk's channels; a difference seen on
 * two passes is corrected by running what the missed event would have run, and recorded.
 */
export default fp(
  async (app) => {
    const log = app.log.child({ area: 'self-healing' });
    const correct = async (drift: Drift) => {
      // A caller nobody took: taken now, as the lost StasisStart would have (greeting, queue, record).
      if (drift.kind === 'unknown-caller') {
        const { id, name, state, callerNumber, dialedExten, args } = drift.channel;
        return app.stasis.route({ channelId: id, channelName: name, state, callerNumber, callerName: '', dialedExten, args });
      }
      // The greeting's end was lost: the call goes on as if it had arrived (announcements, hold music).
      if (drift.kind === 'greeting-stuck') return app.callFlow.onPlaybackFinished(playbackId(drift.callId, 'greeting'));
      if (drift.kind !== 'agent-without-call') return app.callFlow.onChannelGone(drift.channelId);
      // The router holds the agent for a call we no longer have: settle it as ended there.
      app.router.settleLost({ id: drift.callId, agentId: drift.agentId, talked: drift.believed === 'OnCall' }, Date.now());
    };
    const reconciler = new Reconciler({
      beliefs: () => ({
        calls: app.callFlow.calls.list().map((c) => ({
          id: c.id, state: c.state, callerChannelId: c.callerChannelId, agentChannelId: c.agentChannelId, agentId: c.agentId, callback: c.callback !== null, enqueuedAt: c.enqueuedAt,
        })),
        agents: app.router.agentIds().flatMap((id) => {
          const agent = app.router.agent(id);
          return agent ? [{ id, state: agent.state, ...(agent.callId ? { callId: agent.callId } : {}) }] : [];
        }),
      }),
      channels: async () => {
        const channels = await app.ari.listChannels();
        return {
          all: new Set(channels.map((c) => c.id)),
          // A caller in an IVR menu is known there, though no call holds it yet.
          inStasis: channels.flatMap(({ stasisArgs, ...channel }) => (stasisArgs && !app.ivrFlow.has(channel.id) ? [{ ...channel, args: stasisArgs }] : [])),
        };
      },
      correct,
      record: async (drift, evidence) => {
        log.warn({ evidence }, 'state corrected');
        await app.repos.stateCorrections.add({ at: new Date().toISOString(), kind: drift.kind, callId: drift.callId, agentId: drift.agentId, evidence });
      },
      now: Date.now,
    });
    const pass = () => {
      if (app.ari.state.status !== 'up') return;
      reconciler.pass().catch((error: Error) => log.warn({ err: error.message }, 'reconciliation pass failed'));
    };
    const timer = setInterval(pass, PASS_EVERY_MS);
    timer.unref();
    app.ari.on('status', (state) => {
      if (state.status !== 'up') return;
      pass();
      setTimeout(pass, CONFIRM_AFTER_RECONNECT_MS).unref();
    });
    app.addHook('onClose', async () => clearInterval(timer));
    await app.register(routes);
  },
  { name: 'self-healing', dependencies: ['infra', 'stasis', 'auth', 'calls', 'routing'] },
);
