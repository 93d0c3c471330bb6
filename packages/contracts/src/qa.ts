/** A call offered to a QA reviewer: answered, recorded, not yet reviewed (GET /qa/sample). */
export interface QaSampleCall {
  callId: string;
  agentId: string;
  queueId: string | null;
  customerNumber: string | null;
  enqueuedAt: number;
  recordingId: string;
}
