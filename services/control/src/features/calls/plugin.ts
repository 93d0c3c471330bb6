import { isGoneError } from '@hotline/asterisk';
import fp from 'fastify-plugin';
import { AGENT_STATE_NAMES } from '@hotline/contracts';
import { CallFlow } from './call-flow.js';
import { EventLoopLag } from './event-loop-lag.js';
import { LoadShedding, refusedInDialplan, SHEDDING_VARIABLE } from './load-shedding.js';
import { CallSnapshotStore } from './call-snapshot.js';
import callRoutes from './routes.js';
import historyRoutes from './history-routes.js';
import controlRoutes from './control-routes.js';
import { IvrFlow } from './ivr-flow.js';
import { lookupAnswer } from '../ivr/lookup.js';

declare module 'fastify' {
  interface FastifyInstance {
    callFlow: CallFlow;
    /** Callers in IVR menus, before any queue. */
    ivrFlow: IvrFlow;
    callSnapshots: CallSnapshotStore;
    loadShedding: LoadShedding;
  }
}

/** How often the service notes it is alive: the error bound on when calls ended during a crash. */
const SEEN_EVERY_MS = 2_000;

/** Wires the Stasis app's events to the call flow. */
export default fp(
  async (app) => {
    const log = app.log.child({ area: 'calls' });
    const lag = new EventLoopLag();
    lag.start();
    const flow = new CallFlow({
      ari: app.ari,
      mixer: app.ami,
      routing: app.router,
      events: app.jobs,
      metrics: app.metrics,
      log,
      queueByNumber: (number) => app.queueDirectory.byNumber(number),
      blocked: (number) => app.blockList.match(number, Date.now()),
      queueById: (id) => app.queueDirectory.byId(id),
      customerTier: (number) => app.repos.customers.tierOf(number),
      freeInSecs: (callId, handleSecs) => app.router.freeInSecs(callId, Date.now(), handleSecs),
      // Presence is registered after calls (it dispatches through the flow); read it when ringing.
      dialString: (agentId) => app.presence.dialString(agentId),
      agentReady: (agentId) => app.router.agent(agentId)?.state === 'Ready',
      admission: app.config.admission,
      outboundRingSecs: app.config.outbound.ringSecs,
      load: () => ({ eventLoopLagMs: lag.ms, ariLatencyMs: app.ari.requestLatencyMs }),
    });
    app.decorate('callFlow', flow);
    const ivr = new IvrFlow({
      ari: app.ari, events: app.jobs, speech: app.ivrSpeech, log, now: () => Date.now(), lookup: lookupAnswer,
      queueById: (id) => app.queueDirectory.byId(id),
      toQueue: (channelId, queue, number, callId) => flow.admission.fromMenu(channelId, queue, number, callId),
    });
    app.decorate('ivrFlow', ivr);
    // Every change of a call or an agent is kept in Redis, for a service started after a crash.
    const snapshots = new CallSnapshotStore(app.redis, app.config.instance, { get epoch() { return app.leadership.epoch; }, deposed: (epoch) => app.deposed(epoch) }, log);
    app.decorate('callSnapshots', snapshots);
    // From now on a deposed leader's writes are refused, before this one has anything to write.
    snapshots.claim();
    flow.notifier.onChange((call) => snapshots.saveCall(call));
    const seen = setInterval(() => snapshots.markSeen(Date.now()), SEEN_EVERY_MS);
    seen.unref();
    app.router.onAgentChanged((agentId) => {
      const agent = app.router.agent(agentId);
      if (agent) snapshots.saveAgent(agentId, { state: AGENT_STATE_NAMES[agent.state], reason: agent.reason ?? null });
    });
    app.router.onWrapUpEnded(({ agentId, callId, secs }) => flow.wrapped(callId, agentId, secs));
    // Handlers run one at a time per event; a failure is logged with the channel, never thrown at ARI.
    const guard = (what: string, work: () => Promise<void>) =>
      work().catch((error: Error) =>
        isGoneError(error) ? log.info({ err: error.message }, `${what}: the channel went away meanwhile`) : log.error({ err: error.message, stack: error.stack }, `${what} failed`),
      );
    // While the service is behind, Asterisk refuses new callers itself; each refusal is recorded here.
    const shedding = new LoadShedding({
      readings: () => ({ eventLoopLagMs: lag.ms, ariLatencyMs: app.ari.requestLatencyMs, arriving: flow.admission.arriving }),
      limits: app.config.admission,
      setShedding: (on) => app.ari.setGlobal(SHEDDING_VARIABLE, on ? '1' : '0'),
      log,
      now: () => Date.now(),
    });
    shedding.start();
    app.decorate('loadShedding', shedding);
    app.ari.on('status', ({ status }) => {
      if (status === 'up') shedding.linkRestored();
    });
    app.ami.onEvent('UserEvent', (event) => {
      const refused = refusedInDialplan(event);
      if (refused) void guard('refused caller', () => flow.admission.refusedBeforeStasis(refused.channelId, refused.number, refused.customerNumber, shedding.reason));
    });
    app.stasis.register('inbound', (event, number) => {
      // A queue's number first; an IVR menu's; anything else is refused by admission.
      const menu = app.queueDirectory.byNumber(number) ? undefined : app.ivrMenus.byNumber(number);
      return menu ? ivr.enter(event, menu) : flow.admission.inbound(event, number);
    });
    app.stasis.register('agent-leg', (event, callId) => flow.agentLeg.answered(event.channelId, callId));
    app.stasis.register('callback-customer', (event, callId) => flow.callbacks.customerAnswered(event.channelId, callId));
    app.stasis.register('outbound-agent', (event, callId) => flow.outbound.agentAnswered(event.channelId, callId));
    app.stasis.register('outbound-customer', (event, callId) => flow.outbound.customerAnswered(event.channelId, callId));
    app.ari.on('channelDestroyed', ({ channelId, cause }) => {
      flow.survey.onChannelGone(channelId);
      void guard('menu caller gone', () => ivr.onChannelGone(channelId));
      void guard('ChannelDestroyed', () => flow.onChannelGone(channelId, cause));
    });
    app.ari.on('channelDtmf', ({ channelId, digit }) => {
      void guard('menu key', () => ivr.onDtmf(channelId, digit));
      void guard('DTMF', () => flow.onDtmf(channelId, digit));
    });
    app.ari.on('stasisEnd', ({ channelId }) => void guard('StasisEnd', () => flow.onChannelGone(channelId)));
    app.ari.on('playbackFinished', ({ playbackId }) => {
      void guard('PlaybackFinished', () => flow.onPlaybackFinished(playbackId));
      void guard('survey playback', () => flow.survey.onPlaybackFinished(playbackId));
      void guard('menu playback', () => ivr.onPlaybackFinished(playbackId));
    });
    app.ari.on('recordingFinished', ({ name }) => void guard('RecordingFinished', () => flow.voicemail.finished(name)));
    await app.register(callRoutes);
    await app.register(historyRoutes);
    await app.register(controlRoutes);
    app.addHook('onClose', async () => {
      clearInterval(seen);
      lag.stop();
      shedding.stop();
      flow.stop();
      ivr.stop();
    });
  },
  { name: 'calls', dependencies: ['infra', 'stasis', 'routing', 'metrics', 'auth', 'jobs', 'ivr'] },
);
