export { createPool, inTransaction, type Pool, type PoolClient, type PostgresSettings } from './pool.js';
export { migrate } from './migrate.js';
export { createDirectoryRepository, type DirectoryRepository } from './repositories/directory.js';
export { createQueueRepository, type QueueRepository } from './repositories/queues.js';
export { createAgentRepository, type AgentRepository } from './repositories/agents.js';
export { createUserRepository, type UserRepository, type User, type NewUser } from './repositories/users.js';
export { createCallRecordRepository, type CallRecordRepository } from './repositories/call-records.js';
export { foldCallRow, type CallRow } from './call-row.js';
export { createAgentStateRepository, type AgentStateRepository, type StateIntervalRow } from './repositories/agent-states.js';
export { createCustomerRepository, type CustomerRepository } from './repositories/customers.js';
export { createRecordingRepository, type RecordingRepository, type RecordingRow, type RecordingListing, type RecordingSearch, type PausedSpan } from './repositories/recordings.js';
export { createAuditRepository, type AuditRepository, type AuditEntry } from './repositories/audit.js';
export { createKpiSourceRepository, type KpiSourceRepository } from './repositories/kpi-sources.js';
export { createKpiDefinitionRepository, type KpiDefinitionRepository, type KpiDefinitionRules, type StoredKpiDefinition } from './repositories/kpi-definitions.js';
export { createSurveyRepository, type SurveyRepository, type Followup } from './repositories/surveys.js';
export { createReconciliationRepository, type ReconciliationRepository, type ReconciliationReport } from './repositories/reconciliation.js';
export { webPhoneId } from './repositories/sip-accounts.js';
export { createQaRepository, type QaRepository, type QaForm, type QaReview, type QaSampleCall } from './repositories/qa.js';
export { createApiTokenRepository, type ApiTokenRepository, type ApiToken } from './repositories/api-tokens.js';
export { createStateCorrectionRepository, type StateCorrectionRepository, type StateCorrection } from './repositories/state-corrections.js';
export { createRecordedDayRepository, type RecordedDayRepository, type RecordedCall, type RecordedInterval } from './repositories/recorded-days.js';
export { createRevokedSessionRepository, type RevokedSessionRepository } from './repositories/revoked-sessions.js';
export { LeaderLock, type Leadership, type LeaderLockOptions } from './leader-lock.js';
export { createIvrMenuRepository, type IvrMenuRepository } from './repositories/ivr-menus.js';
export { createBlockedNumberRepository, type BlockedNumberRepository, type BlockedNumber } from './repositories/blocked-numbers.js';
export {
  createVoicemailRepository, type VoicemailRepository, type VoicemailMessage, type VoicemailStatus, type VoicemailState,
  type VoicemailSearch, type VoicemailHistoryEntry, type NewVoicemail,
} from './repositories/voicemails.js';
