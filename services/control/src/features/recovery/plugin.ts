import fp from 'fastify-plugin';
import { DEVICE_OFFLINE, MISSED_CALL } from '@hotline/acd';
import type { StoredAgent } from '../calls/call-snapshot.js';

/** Reasons the engine sets by itself; an agent parked for one of them is simply Ready again. */
const ENGINE_REASONS = new Set([DEVICE_OFFLINE, MISSED_CALL]);

/**
 * Starting after a crash: once Asterisk is reachable, agents are put back in the state they were
 * in (on a call or wrapping up counts as Ready; a talking call puts its agent on it again) and the
 * calls still in Stasis are taken up from the snapshot in Redis. Runs once per start.
 */
export default fp(
  async (app) => {
    const log = app.log.child({ area: 'recovery' });
    let started = false;
    const recover = async () => {
      // What the last run never got to Redis goes first: it knew those calls better than the snapshot does.
      await app.jobs.resent;
      const { calls, agents, lastSeenAt } = await app.callSnapshots.load();
      if (calls.length === 0 && agents.size === 0) return;
      await app.presence.refresh().catch(() => undefined);
      const now = Date.now();
      for (const [agentId, stored] of agents) restoreAgent(agentId, stored, now);
      const alive = new Set((await app.ari.listChannels()).map((c) => c.id));
      const over = await app.callFlow.adopt(calls, alive, lastSeenAt ?? Date.now());
      log.info({ calls: calls.length, over, agents: agents.size }, 'taken up where the last run left off');
    };
    const restoreAgent = (agentId: string, stored: StoredAgent, now: number) => {
      if (!app.router.agent(agentId) || stored.state === 'logged-out') return;
      const notReady = stored.state === 'not-ready' && stored.reason !== null && !ENGINE_REASONS.has(stored.reason);
      try {
        app.router.setAgentState(agentId, notReady ? { state: 'NotReady', reason: stored.reason ?? 'other' } : { state: 'Ready' }, now);
      } catch (error) {
        log.warn({ agentId, err: (error as Error).message }, 'could not put an agent back in their state');
      }
    };
    app.ari.on('status', (state) => {
      if (state.status !== 'up' || started) return;
      started = true;
      recover().catch((error: Error) => log.error({ err: error.message }, 'could not take up the calls of the last run'));
    });
  },
  { name: 'recovery', dependencies: ['calls', 'agents', 'routing'] },
);
