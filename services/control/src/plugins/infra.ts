import fp from 'fastify-plugin';
import { Redis } from 'ioredis';
import { AmiAdapter, AriAdapter } from '@hotline/asterisk';
import {
  createAgentRepository, createAgentStateRepository, createAuditRepository, createRecordingRepository, createSurveyRepository, createReconciliationRepository,
  createQaRepository, createApiTokenRepository, createCallRecordRepository, createCustomerRepository, createStateCorrectionRepository,
  createDirectoryRepository, createBlockedNumberRepository, createVoicemailRepository, createIvrMenuRepository, createPool, createRevokedSessionRepository, createQueueRepository, createUserRepository, type Leadership, type Pool,
} from '@hotline/db';
import type { HotlineConfig } from '@hotline/contracts';

/** Every repository over one pool; the type follows from the factory. */
function createRepositories(pg: Pool) {
  return {
    agents: createAgentRepository(pg),
    queues: createQueueRepository(pg),
    users: createUserRepository(pg),
    directory: createDirectoryRepository(pg),
    callRecords: createCallRecordRepository(pg),
    customers: createCustomerRepository(pg),
    agentStates: createAgentStateRepository(pg),
    recordings: createRecordingRepository(pg),
    audit: createAuditRepository(pg),
    surveys: createSurveyRepository(pg),
    reconciliation: createReconciliationRepository(pg),
    qa: createQaRepository(pg),
    apiTokens: createApiTokenRepository(pg),
    stateCorrections: createStateCorrectionRepository(pg),
    revokedSessions: createRevokedSessionRepository(pg),
    blockedNumbers: createBlockedNumberRepository(pg),
    voicemails: createVoicemailRepository(pg),
    ivrMenus: createIvrMenuRepository(pg),
  };
}
export type Repositories = ReturnType<typeof createRepositories>;

declare module 'fastify' {
  interface FastifyInstance {
    config: HotlineConfig;
    pg: Pool;
    redis: Redis;
    ari: AriAdapter;
    ami: AmiAdapter;
    repos: Repositories;
    /** The lead this instance holds over the stack's control instances. */
    leadership: Leadership;
    /** Another instance leads now (its epoch wrote after ours): this one must stop acting. */
    deposed(epoch: number): void;
  }
}

export interface InfraOptions {
  config: HotlineConfig;
  /** Taken by server.ts before the app is built; an app built in-process leads alone, epoch 0. */
  leadership?: Leadership;
  onDeposed?: (epoch: number) => void;
}

/** Connections to everything outside the process. Adapters reconnect on their own; close() ends them. */
export default fp<InfraOptions>(
  async (app, { config, leadership, onDeposed }) => {
    app.decorate('config', config);
    app.decorate('leadership', leadership ?? { epoch: 0, holder: 'in-process', since: Date.now() });
    let deposed = false;
    app.decorate('deposed', (epoch: number) => {
      if (deposed) return;
      deposed = true;
      app.log.error({ epoch, ours: app.leadership.epoch }, 'another control instance leads now; this one stops acting');
      onDeposed?.(epoch);
    });
    const pg = createPool(config.postgres);
    app.decorate('pg', pg);
    app.decorate('repos', createRepositories(pg));
    const redis = new Redis({
      host: config.redis.host,
      port: config.redis.port,
      password: config.redis.password,
      maxRetriesPerRequest: null,
      retryStrategy: (attempt) => Math.min(5_000, 100 * 2 ** attempt),
    });
    redis.on('error', (error) => app.log.debug({ err: error.message }, 'redis error'));
    app.decorate('redis', redis);
    const ari = new AriAdapter(config.ari, app.log.child({ link: 'ari' }));
    const ami = new AmiAdapter(config.ami, app.log.child({ link: 'ami' }));
    app.decorate('ari', ari);
    app.decorate('ami', ami);

    app.addHook('onReady', async () => {
      ari.start();
      ami.start();
    });
    app.addHook('onClose', async () => {
      await ari.stop();
      await ami.stop();
      redis.disconnect();
      await pg.end();
    });
  },
  { name: 'infra' },
);
