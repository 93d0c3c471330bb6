import { isGoneError } from './ari.js';
import type { AdapterLogger } from './logger.js';

/**
 * Releases a channel that may already be gone, which is what was wanted then. Anything else is
 * worth a line in the log, never a failure of what the caller does next.
 */
export async function tryHangup(
  ari: { hangup(channelId: string, reason?: string): Promise<void> },
  channelId: string,
  log: Pick<AdapterLogger, 'warn'>,
  reason?: string,
): Promise<void> {
  try {
    await ari.hangup(channelId, reason);
  } catch (error) {
    if (!isGoneError(error)) log.warn({ channelId, err: (error as Error).message }, 'could not hang up a channel');
  }
}
