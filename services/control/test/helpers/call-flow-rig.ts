import t from 'tap';
import pino from 'pino';
import { Registry } from 'prom-client';
import type { StasisStartEvent } from '@hotline/asterisk';
import type { CallEvent, RecordingJob, VoicemailJob } from '@hotline/contracts';
import { CallFlow } from '../../src/features/calls/call-flow.js';
import type { AdmissionLimits } from '../../src/features/calls/call-admission.js';
import { RoutingService } from '../../src/features/routing/routing-service.js';
import { createMetrics } from '../../src/plugins/metrics.js';
import { demoAgents, demoQueues } from '../../src/demo/demo-config.js';
import { BlockList } from '../../src/features/blocked/block-list.js';
import { FakeAri } from './fake-ari.js';

export interface RigOptions {
  limits?: Partial<AdmissionLimits>;
  customerTier?: (number: string) => Promise<string>;
}

// Call flows against a fake Asterisk: the routing engine is the real one, the clock is the test's.
export const CALLER = 'caller-1';
export const stasis = (channelId: string, args: string[], callerNumber = ''): StasisStartEvent => ({
  channelId, channelName: `PJSIP/${channelId}`, callerNumber, callerName: '', dialedExten: '', args, state: 'Up',
});
export const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

/** Callers and agents on a call flow over a fake Asterisk; `load` is how far behind the service reads. */
export function setup(readyAgents: string[] = ['1002'], queues = demoQueues, options: RigOptions = {}) {
  let now = 1_000_000;
  const load = { eventLoopLagMs: 0, ariLatencyMs: 0 };
  const ari = new FakeAri();
  const published: CallEvent[] = [];
  const log = pino({ level: 'silent' });
  const metrics = createMetrics(new Registry());
  const router = new RoutingService(queues, demoAgents, { add: () => undefined, covering: () => [] }, log, now);
  for (const id of readyAgents) {
    router.setDeviceRegistered(id, true, now);
    router.setAgentState(id, { state: 'Ready' }, now);
  }
  const recordings: { job: RecordingJob; delayMs: number | undefined }[] = [];
  const voicemails: { job: VoicemailJob; delayMs: number }[] = [];
  const blocks = new BlockList();
  const flow = new CallFlow({
    ari,
    mixer: ari,
    routing: router,
    events: {
      publish: async (event) => void published.push(event),
      finaliseRecording: async (job, delayMs) => void recordings.push({ job, delayMs }),
      processSurvey: async () => undefined,
      fileVoicemail: async (job, delayMs) => void voicemails.push({ job, delayMs }),
    },
    metrics,
    log,
    queueByNumber: (number) => queues.find((q) => q.number === number),
    blocked: (number) => blocks.match(number, now),
    queueById: (id) => queues.find((q) => q.id === id),
    customerTier: options.customerTier ?? (async () => 'standard'),
    freeInSecs: (callId, handleSecs) => router.freeInSecs(callId, now, handleSecs),
    agentReady: (agentId) => router.agent(agentId)?.state === 'Ready',
    dialString: (agentId) => `PJSIP/${agentId}`,
    admission: { maxEventLoopLagMs: 250, maxAriLatencyMs: 1000, maxArriving: 100, ...options.limits },
    outboundRingSecs: 40,
    load: () => ({ ...load }),
    now: () => now,
    random: () => 0,
  });
  t.teardown(() => flow.stop());
  const callerArrives = async (channel = CALLER) => {
    ari.channels.add(channel);
    await flow.admission.inbound(stasis(channel, ['inbound', '7000'], '5551234'), '7000');
    const call = flow.calls.byChannel(channel);
    if (!call) throw new Error('the call was not taken');
    return call;
  };
  const types = (callId: string) => published.filter((e) => e.callId === callId).map((e) => e.type);
  return { ari, flow, router, published, recordings, voicemails, callerArrives, types, load, metrics, blocks, advance: (ms: number) => (now += ms), now: () => now };
}

