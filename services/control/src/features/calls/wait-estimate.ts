/**
 * Estimated wait for a caller at `position` (1 = next): the callers ahead are served by the
 * agents working the queue, each freeing up once per average handle time. With nobody working
 * the queue there is no honest estimate, so none is given.
 */
export function estimateWaitSecs(position: number, avgHandleSecs: number, workingAgents: number): number | undefined {
  if (workingAgents <= 0 || position < 1) return undefined;
  return Math.round((position * avgHandleSecs) / workingAgents);
}

/** Rolling average of the last `size` handle times of one queue (talk + wrap-up), seconds. */
export class HandleTimes {
  readonly #recent = new Map<string, number[]>();

  constructor(
    private readonly fallbackSecs = 180,
    private readonly size = 50,
  ) {}

  add(queueId: string, secs: number): void {
    const list = this.#recent.get(queueId) ?? [];
    list.push(secs);
    if (list.length > this.size) list.shift();
    this.#recent.set(queueId, list);
  }

  average(queueId: string): number {
    const list = this.#recent.get(queueId);
    if (!list || list.length === 0) return this.fallbackSecs;
    return list.reduce((a, b) => a + b, 0) / list.length;
  }
}

/** What the caller hears: their place in line, then the estimate in whole minutes (never "0 minutes"). */
export function announcementMedia(position: number, waitSecs: number | undefined): string[] {
  const media = position <= 1 ? ['sound:queue-youarenext'] : ['sound:queue-thereare', `number:${position}`, 'sound:queue-callswaiting'];
  if (waitSecs !== undefined && position > 1) {
    const minutes = Math.ceil(waitSecs / 60);
    media.push('sound:queue-holdtime');
    if (minutes <= 1) media.push('sound:queue-less-than', 'number:1', 'sound:queue-minute');
    else media.push(`number:${minutes}`, 'sound:queue-minutes');
  }
  media.push('sound:queue-thankyou');
  return media;
}
