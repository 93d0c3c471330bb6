import type { KpiDefinition } from './definition.js';
import { ratio } from './ratio.js';
import type { CallOutcome, CallRecord } from './types.js';

export function isShortAbandon(call: CallRecord, definition: KpiDefinition): boolean {
  return call.outcome === 'abandoned' && call.waitSeconds < definition.shortAbandonSeconds;
}

/**
 * Every call reached the queue; short abandons can be left out by definition, and a caller who
 * chose a callback always is: the callback figures report it (it is neither answered nor abandoned).
 * A blocked caller never reached the queue at all, and an outbound call is no caller of the queue's.
 */
export function isOffered(call: CallRecord, definition: KpiDefinition): boolean {
  return call.outcome !== 'callback' && call.outcome !== 'blocked' && call.outcome !== 'outbound' && (definition.shortAbandonsCountAsOffered || !isShortAbandon(call, definition));
}

export function offeredCalls(calls: readonly CallRecord[], definition: KpiDefinition): CallRecord[] {
  return calls.filter((call) => isOffered(call, definition));
}

/** Answered calls are always offered, whatever the definition says about short abandons. */
export function answeredCalls(calls: readonly CallRecord[]): CallRecord[] {
  return calls.filter((call) => call.outcome === 'answered');
}

/** Calls an agent talked on: answered in line, or callbacks the customer picked up (handle-time figures). */
export function handledCalls(calls: readonly CallRecord[]): CallRecord[] {
  return calls.filter((call) => call.outcome === 'answered' || call.callback?.status === 'completed');
}

export function countOffered(calls: readonly CallRecord[], definition: KpiDefinition): number {
  return offeredCalls(calls, definition).length;
}

/** Offered calls with this outcome, so `abandoned` excludes short abandons when they are not offered. */
export function countOutcome(calls: readonly CallRecord[], outcome: CallOutcome, definition: KpiDefinition): number {
  return offeredCalls(calls, definition).filter((call) => call.outcome === outcome).length;
}

/** Counted whether or not the definition makes them offered, so they stay visible. */
export function countShortAbandoned(calls: readonly CallRecord[], definition: KpiDefinition): number {
  return calls.filter((call) => isShortAbandon(call, definition)).length;
}

export function abandonRate(calls: readonly CallRecord[], definition: KpiDefinition): number | null {
  return ratio(countOutcome(calls, 'abandoned', definition), countOffered(calls, definition));
}

/** Answered calls ÷ distinct agents who answered them. */
export function callsPerAgent(calls: readonly CallRecord[]): number | null {
  const agents = answeredCalls(calls).flatMap((call) => (call.agentId === null ? [] : [call.agentId]));
  return ratio(agents.length, new Set(agents).size);
}
