import type { AmiAdapter } from '@hotline/asterisk';
import type { PlannedCall } from './plan.js';
import type { CallTimeline } from './timeline.js';

/**
 * Callers with a patience give up: once one has waited that long (from their INVITE, on
 * Asterisk's clock) with no agent rung for them, their trunk channel is hung up over AMI, as if
 * they had put the phone down. Returns the numbers that gave up when stopped.
 */
export function watchPatience(calls: readonly PlannedCall[], timeline: CallTimeline, ami: AmiAdapter): { stop(): Set<string> } {
  const gaveUp = new Set<string>();
  const patient = calls.filter((call) => call.patienceMs !== undefined);
  const timer = setInterval(() => {
    const now = Date.now();
    for (const call of patient) {
      if (gaveUp.has(call.number)) continue;
      const caller = timeline.waitingCaller(call.number);
      if (!caller || caller.agentRung || now < caller.createdAt + (call.patienceMs ?? Infinity)) continue;
      gaveUp.add(call.number);
      ami.hangup(caller.channel).catch(() => gaveUp.delete(call.number));
    }
  }, 100);
  return {
    stop: () => {
      clearInterval(timer);
      return gaveUp;
    },
  };
}
