/** What a health check reports for one connection. */
export type LinkStatus = 'connecting' | 'up' | 'down' | 'stopped';

export interface LinkState {
  status: LinkStatus;
  /** When the link last changed status (ms since epoch). */
  since: number;
  /** How many times the link has come up; above 1 means it reconnected. */
  connects: number;
  lastError?: string;
}
