export { AriAdapter, AriTimeoutError, AriUnavailableError, isGoneError, type AriSettings } from './ari.js';
export type { AriEvents, StasisStartEvent, ChannelSummary, OriginateRequest, RecordRequest } from './ari-events.js';
export { AmiAdapter, type AmiEvent, type AmiSettings, type SipContact, type AmiChannel } from './ami.js';
export { backoffDelay } from './backoff.js';
export { RequestLatency } from './request-latency.js';
export { tryHangup } from './hangup.js';
export type { LinkState, LinkStatus } from './status.js';
