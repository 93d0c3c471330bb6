import type { CallEvent } from '@hotline/contracts';

/**
 * Every call id a benchmark run writes starts with this group, so the rows it leaves behind are one
 * range to delete (a random v4 UUID lands in it once in 4 billion).
 */
const BENCH_CALL_GROUP = 'cdbecdbe';
export const BENCH_CALL_IDS = { first: `${BENCH_CALL_GROUP}-0000-0000-0000-000000000000`, last: `${BENCH_CALL_GROUP}-ffff-ffff-ffff-ffffffffffff` };

const hex = (value: number, digits: number) => value.toString(16).padStart(digits, '0');

/** Offsets of an answered call's events after its arrival: short calls, so a stream of a few seconds has every kind. */
const ANSWERED_CALL_MS = { offered: 200, answered: 500, ended: 2_000 };

/** The four events the control service publishes for an answered call, with its id scheme (`<call>.<what>`). */
function answeredCall(runTag: number, sequence: number, arrivedAt: number): CallEvent[] {
  const callId = `${BENCH_CALL_GROUP}-${hex(runTag, 4)}-4000-8000-${hex(sequence, 12)}`;
  const agentId = String(2000 + (sequence % 50));
  return [
    { id: `${callId}.enqueued`, callId, at: arrivedAt, type: 'call.enqueued', channelId: `bench.${sequence}`, queueId: 'bench-cdr', customerNumber: `+990${sequence}`, customerTier: 'standard' },
    { id: `${callId}.offered.1`, callId, at: arrivedAt + ANSWERED_CALL_MS.offered, type: 'call.offered', agentId },
    { id: `${callId}.answered`, callId, at: arrivedAt + ANSWERED_CALL_MS.answered, type: 'call.answered', agentId },
    { id: `${callId}.ended`, callId, at: arrivedAt + ANSWERED_CALL_MS.ended, type: 'call.ended', outcome: 'answered', hangupBy: 'agent' },
  ];
}

/**
 * Events of `calls` answered calls arriving every `arrivalMs`, in time order: calls overlap as on a
 * busy queue, so consecutive events mostly belong to different calls while each call's stay in order.
 */
export function callEventStream(runTag: number, firstSequence: number, calls: number, arrivalMs: number, startAt: number): CallEvent[] {
  return Array.from({ length: calls }, (_, i) => answeredCall(runTag, firstSequence + i, startAt + i * arrivalMs))
    .flat()
    .sort((a, b) => a.at - b.at);
}
