import type { KpiDefinition } from './definition.js';
import { ratio } from './ratio.js';
import type { AgentState, AgentStateInterval } from './types.js';

function isHandling(state: AgentState, definition: KpiDefinition): boolean {
  return state === 'on-call' || state === 'wrap-up' || (state === 'reserved' && definition.occupancyCountsReserved);
}

/**
 * Handling time ÷ staffed time, 0–1. Staffed is every state but logged-out; handling is on-call
 * and wrap-up, plus reserved when the definition says so. Null when nobody was staffed.
 */
export function occupancy(intervals: readonly AgentStateInterval[], definition: KpiDefinition): number | null {
  let staffedMs = 0;
  let handlingMs = 0;
  for (const interval of intervals) {
    if (interval.state === 'logged-out') continue;
    const durationMs = Math.max(0, interval.to - interval.from);
    staffedMs += durationMs;
    if (isHandling(interval.state, definition)) handlingMs += durationMs;
  }
  return ratio(handlingMs, staffedMs);
}
