import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorReply } from '@hotline/contracts';
import { REPLAY_TOLERANCE } from './tolerance.js';
import { WhatIfBody, WhatIfView } from './schemas.js';
import { createWhatIfService } from './what-if-service.js';

const DESCRIPTION = `Replays the recorded calls and agent state timelines of a period through the routing engine
itself, under the stored rules and staffing and under the changes given (queue wrap-up, ring timeout, max wait,
skill thresholds, expansion steps; agents removed or added), and sets the predicted service level, ASA, abandon
rate, AHT and occupancy beside the recorded ones, all under one KPI definition. The replay under unchanged rules
is served too, with how far it lands from the record: it should be within SL ±${REPLAY_TOLERANCE.serviceLevelPoints} points,
ASA ±max(${REPLAY_TOLERANCE.asaSeconds} s, ${REPLAY_TOLERANCE.asaShare * 100} %) and abandon rate ±${REPLAY_TOLERANCE.abandonRatePoints} points.
What the replay assumes is listed in every answer.`;

/** POST /what-if: a recorded day replayed with changed routing rules or staffing. */
const whatIfRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const service = createWhatIfService(app.pg);
  app.post(
    '/what-if',
    {
      schema: {
        tags: ['reports'],
        summary: 'Predicted service level, ASA and abandon rate of a recorded day under changed rules or staffing, beside the recorded ones',
        description: DESCRIPTION,
        body: WhatIfBody,
        response: { 200: WhatIfView, 400: ErrorReply, 401: ErrorReply, 403: ErrorReply, 404: ErrorReply },
      },
      onRequest: app.allow('supervisor', 'admin'),
    },
    async (request) => service.run(request.body, Date.now()),
  );
};
export default whatIfRoutes;
