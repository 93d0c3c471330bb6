import fp from 'fastify-plugin';
import { QueueEvents } from 'bullmq';
import { VOICEMAILS_QUEUE, type VoicemailFiled } from '@hotline/contracts';
import { voicemailRoutes } from './routes.js';

/**
 * Voicemail boxes: the routes, and the live alert a new message raises for supervisors. The
 * alert follows the workers' filing (BullMQ's completed event), so a message it points at can be
 * played at once; it goes when the message is taken (assigned, called back or closed).
 */
export default fp(
  async (app) => {
    const { redis } = app.config;
    const events = new QueueEvents(VOICEMAILS_QUEUE, { connection: { host: redis.host, port: redis.port, password: redis.password } });
    events.on('completed', ({ jobId, returnvalue }) => {
      if (!(returnvalue as unknown as VoicemailFiled).filed) return;
      const id = jobId.replace(/^voicemail\./, '');
      app.repos.voicemails.get(id).then(
        (message) => {
          if (message?.status === 'new') app.liveBoard.voicemailLeft(message, app.queueDirectory.byId(message.queueId)?.name ?? message.queueId);
        },
        (error: Error) => app.log.warn({ err: error.message, voicemailId: id }, 'could not read a new voicemail message for its alert'),
      );
    });
    events.on('error', (error) => app.log.warn({ err: error.message }, 'voicemail events: Redis error'));
    app.addHook('onClose', () => events.close());
    await app.register(voicemailRoutes, { handled: (id) => app.liveBoard.voicemailHandled(id) });
  },
  { name: 'voicemail', dependencies: ['infra', 'auth', 'routing', 'live'] },
);
