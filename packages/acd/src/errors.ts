import type { AgentId, AgentState } from './types.js';

export type AcdErrorCode =
  | 'INVALID_CONFIG'
  | 'INVALID_ARGUMENT'
  | 'UNKNOWN_AGENT'
  | 'UNKNOWN_QUEUE'
  | 'UNKNOWN_CALL'
  | 'UNKNOWN_REASON'
  | 'DUPLICATE_CALL'
  | 'CALL_NOT_OFFERED'
  | 'DEVICE_OFFLINE'
  | 'AGENT_NOT_READY'
  | 'TIME_WENT_BACKWARDS'
  | 'INVALID_TRANSITION';

/** Every rejection names its cause in `code`, so a service can map it to a 4xx answer. */
export class AcdError extends Error {
  override readonly name: string = 'AcdError';
  constructor(
    readonly code: AcdErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export class InvalidTransitionError extends AcdError {
  override readonly name = 'InvalidTransitionError';
  constructor(
    readonly agentId: AgentId,
    readonly from: AgentState,
    readonly to: AgentState,
  ) {
    super('INVALID_TRANSITION', `agent ${agentId}: cannot go from ${from} to ${to}`);
  }
}
