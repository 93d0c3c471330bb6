import type { AriAdapter } from '@hotline/asterisk';

/** What the call flows and supervision ask of Asterisk; the ARI adapter answers, a fake one in unit tests. */
export type AriPort = Pick<
  AriAdapter,
  | 'answer'
  | 'hangup'
  | 'continueInDialplan'
  | 'setLanguage'
  | 'originate'
  | 'play'
  | 'stopPlayback'
  | 'startMoh'
  | 'stopMoh'
  | 'mute'
  | 'unmute'
  | 'createBridge'
  | 'addToBridge'
  | 'removeFromBridge'
  | 'destroyBridge'
  | 'record'
  | 'snoop'
>;
