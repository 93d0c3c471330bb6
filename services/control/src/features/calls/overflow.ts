import { tryHangup } from '@hotline/asterisk';
import type { Queue } from '@hotline/contracts';
import type { OverflowTarget, RoutingPort } from '../routing/routing-port.js';
import type { AriPort } from './ari-port.js';
import { routeInput, type CallEnd } from './call-end.js';
import type { CallNotifier } from './call-notifier.js';
import type { LiveCall } from './live-calls.js';
import type { Voicemail } from './voicemail.js';

/** What overflowing a call uses of the call flow it belongs to. */
export interface OverflowHost {
  ari: Pick<AriPort, 'hangup'>;
  routing: Pick<RoutingPort, 'enqueue'>;
  notifier: CallNotifier;
  voicemail: Pick<Voicemail, 'take'>;
  now: () => number;
  queueById(id: string): Queue | undefined;
  waitingChanged(queueId: string): void;
  end: CallEnd;
}

/**
 * Max wait reached or queue full: the call moves to the target queue (keeping its place in time),
 * or leaves a voicemail, or is thanked and released. A target queue that is gone or full is a goodbye.
 */
export async function overflowCall(host: OverflowHost, call: LiveCall, target: OverflowTarget): Promise<void> {
  call.log.info({ target }, 'call overflows');
  const fromQueueId = call.queueId;
  if (target.kind === 'queue' && host.queueById(target.queueId)) {
    const outcome = host.routing.enqueue(routeInput({ ...call, queueId: target.queueId }), host.now());
    if (outcome.accepted) {
      call.queueId = target.queueId;
      host.notifier.publish(call, { type: 'call.overflowed', fromQueueId, target }, `overflowed-${target.queueId}`);
      host.waitingChanged(fromQueueId);
      host.waitingChanged(call.queueId);
      return;
    }
  }
  host.notifier.publish(call, { type: 'call.overflowed', fromQueueId, target });
  if (target.kind === 'voicemail') return host.voicemail.take(call);
  await host.end(call, 'overflowed', 'system', { inRouting: false });
  await tryHangup(host.ari, call.callerChannelId, call.log);
}
