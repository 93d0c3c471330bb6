import { MISSED_CALL } from '@hotline/acd';
import type { RecordedInterval } from '@hotline/db';

/**
 * What an agent chose to be, as opposed to what calls made them: working (Ready, or busy with a
 * call), not ready, or logged out. A replay drives the engine with these choices and lets the
 * calls of the replay decide the rest.
 */
export type Presence = 'available' | 'not-ready' | 'logged-out';

export interface PresenceChange {
  at: number;
  presence: Presence;
}

/** A missed offer's Not ready was the engine's doing, and the replay makes its own misses. */
function presenceOf(interval: RecordedInterval): Presence {
  if (interval.state === 'LoggedOut') return 'logged-out';
  if (interval.state === 'NotReady' && interval.reason !== MISSED_CALL) return 'not-ready';
  return 'available';
}

/** Each agent's changes of presence, in time order; before the first an agent is logged out. */
export function presenceTimelines(intervals: readonly RecordedInterval[]): Map<string, PresenceChange[]> {
  const timelines = new Map<string, PresenceChange[]>();
  const inOrder = [...intervals].sort((a, b) => a.from - b.from);
  for (const interval of inOrder) {
    const changes = timelines.get(interval.agentId) ?? [];
    const presence = presenceOf(interval);
    if (changes[changes.length - 1]?.presence !== presence) changes.push({ at: interval.from, presence });
    timelines.set(interval.agentId, changes);
  }
  return timelines;
}
