import fp from 'fastify-plugin';
import { inboundCdr } from './ami-cdr.js';
import integrityRoutes from './routes.js';

/** Hands every inbound call CDR Asterisk reports over AMI to the workers, for reconciliation. */
export default fp(
  async (app) => {
    app.ami.onEvent('Cdr', (event) => {
      const cdr = inboundCdr(event);
      if (cdr) app.jobs.keepAsteriskCdr(cdr).catch((error: Error) => app.log.error({ err: error.message, uniqueid: cdr.uniqueid }, 'could not queue an Asterisk CDR'));
    });
    await app.register(integrityRoutes);
  },
  { name: 'reconciliation', dependencies: ['infra', 'jobs', 'auth'] },
);
