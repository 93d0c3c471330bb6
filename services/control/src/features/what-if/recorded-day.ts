import type { Agent, Queue } from '@hotline/contracts';
import type { RecordedCall, RecordedInterval } from '@hotline/db';
import type { TimeSpan } from '@hotline/kpi';

/**
 * A period of recorded traffic and the configuration it ran under. Queue and agent settings are
 * today's: their history is not kept, so a replay assumes the period ran under them.
 */
export interface RecordedDay {
  period: TimeSpan;
  queues: Queue[];
  agents: Agent[];
  /** Every skill id known, so a change can be checked against them. */
  skills: string[];
  calls: RecordedCall[];
  intervals: RecordedInterval[];
}
