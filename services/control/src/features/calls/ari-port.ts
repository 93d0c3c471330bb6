import { isGoneError, type AriAdapter } from '@hotline/asterisk';
import type { FastifyBaseLogger } from 'fastify';

/** What the call flows ask of Asterisk; the ARI adapter answers, a fake one in unit tests. */
export type AriPort = Pick<
  AriAdapter,
  | 'answer'
  | 'hangup'
  | 'originate'
  | 'play'
  | 'stopPlayback'
  | 'startMoh'
  | 'stopMoh'
  | 'mute'
  | 'unmute'
  | 'createBridge'
  | 'addToBridge'
  | 'destroyBridge'
  | 'record'
  | 'recordBridge'
  | 'muteRecording'
  | 'unmuteRecording'
>;

/**
 * Releases a channel that may already be gone, which is what was wanted then. Anything else is
 * worth a line in the log, never a failure of what the call does next.
 */
export async function tryHangup(ari: Pick<AriPort, 'hangup'>, channelId: string, log: Pick<FastifyBaseLogger, 'warn'>, reason?: string): Promise<void> {
  try {
    await ari.hangup(channelId, reason);
  } catch (error) {
    if (!isGoneError(error)) log.warn({ channelId, err: (error as Error).message }, 'could not hang up a channel');
  }
}
