export { createPool, inTransaction, type Pool, type PoolClient, type PostgresSettings } from './pool.js';
export { migrate } from './migrate.js';
export { createDirectoryRepository, type DirectoryRepository } from './repositories/directory.js';
export { createQueueRepository, type QueueRepository } from './repositories/queues.js';
export { createAgentRepository, type AgentRepository } from './repositories/agents.js';
export { createUserRepository, type UserRepository, type User, type NewUser } from './repositories/users.js';
export { createCallRecordRepository, type CallRecordRepository } from './repositories/call-records.js';
