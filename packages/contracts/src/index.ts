export * from './entities.js';
export * from './call-events.js';
export * from './config.js';
export * from './survey.js';
export * from './agent-state-names.js';
export * from './live.js';
export * from './qa.js';
export * from './ivr.js';
