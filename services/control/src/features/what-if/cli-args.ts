import { parseArgs } from 'node:util';
import type { QueueChange, WhatIfChanges } from './scenario.js';
import type { WhatIfRequest } from './what-if-service.js';

export const USAGE = `usage: npm run what-if -- --day YYYY-MM-DD [--utc-offset MINUTES] | --from ISO --to ISO
  [--queue ID]...                      report these queues only (every queue is replayed)
  [--wrapup QUEUE=SECS]...             wrap-up time
  [--ring-timeout QUEUE=SECS]...       ring timeout
  [--max-wait QUEUE=SECS]...           max wait before overflow
  [--skills QUEUE=SKILL:LEVEL,...]...  the queue's skill requirements, replaced
  [--expansion QUEUE=SECS:LEVEL,...]... the queue's expansion steps, replaced (empty: none)
  [--remove-agent ID]...               an agent taken off the day
  [--add-agent ID:SKILL=LEVEL,...[@COPY]]... an agent added, Ready all day or with agent COPY's hours
  [--definition VERSION]               KPI definition (latest by default)
  [--validate]                         exit 1 when the unchanged replay is outside the tolerance
  [--json]                             print the whole answer as JSON
  [--export FILE]                      write the recorded day (no customer numbers) as JSON instead`;

export interface CliRequest {
  request: WhatIfRequest;
  validate: boolean;
  json: boolean;
  exportTo?: string;
}

function fail(message: string): never {
  throw new Error(message);
}

function integer(option: string, text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) fail(`--${option}: '${text}' is not a whole number`);
  return value;
}

/** `QUEUE=VALUE` */
function split(option: string, text: string): [string, string] {
  const at = text.indexOf('=');
  if (at <= 0) fail(`--${option}: expected QUEUE=VALUE, got '${text}'`);
  return [text.slice(0, at), text.slice(at + 1)];
}

/** `A:B,C:D` → [[A, B], [C, D]] */
function pairs(option: string, text: string, separator: string): [string, string][] {
  if (text === '') return [];
  return text.split(',').map((pair) => {
    const [left, right, ...rest] = pair.split(separator);
    if (!left || right === undefined || rest.length > 0) fail(`--${option}: expected NAME${separator}VALUE, got '${pair}'`);
    return [left, right];
  });
}

type QueueOption = 'wrapup' | 'ring-timeout' | 'max-wait' | 'skills' | 'expansion';

function queueChanges(values: Partial<Record<QueueOption, string[]>>): QueueChange[] {
  const changes = new Map<string, QueueChange>();
  const change = (queueId: string) => changes.get(queueId) ?? changes.set(queueId, { queueId }).get(queueId) as QueueChange;
  const each = (option: QueueOption, apply: (change: QueueChange, value: string) => void) => {
    for (const text of values[option] ?? []) {
      const [queueId, value] = split(option, text);
      apply(change(queueId), value);
    }
  };
  each('wrapup', (c, v) => (c.wrapupSecs = integer('wrapup', v)));
  each('ring-timeout', (c, v) => (c.ringTimeoutSecs = integer('ring-timeout', v)));
  each('max-wait', (c, v) => (c.maxWaitSecs = integer('max-wait', v)));
  each('skills', (c, v) => (c.skills = pairs('skills', v, ':').map(([skillId, level]) => ({ skillId, minLevel: integer('skills', level) }))));
  each('expansion', (c, v) => (c.expansion = pairs('expansion', v, ':').map(([after, level]) => ({ afterSecs: integer('expansion', after), minLevel: integer('expansion', level) }))));
  return [...changes.values()];
}

/** `ID:SKILL=LEVEL,...[@COPY]` */
function addedAgent(text: string): NonNullable<WhatIfChanges['addAgents']>[number] {
  const [body = '', copyTimelineOf] = text.split('@');
  const colon = body.indexOf(':');
  if (colon <= 0) fail(`--add-agent: expected ID:SKILL=LEVEL,..., got '${text}'`);
  const skills = pairs('add-agent', body.slice(colon + 1), '=').map(([skillId, level]) => ({ skillId, level: integer('add-agent', level) }));
  return { id: body.slice(0, colon), skills, ...(copyTimelineOf ? { copyTimelineOf } : {}) };
}

/** The command line as a what-if request. */
export function parseCliArgs(args: readonly string[]): CliRequest {
  const many = { type: 'string', multiple: true } as const;
  const { values } = parseArgs({
    args: [...args],
    options: {
      day: { type: 'string' }, 'utc-offset': { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, definition: { type: 'string' },
      queue: many, wrapup: many, 'ring-timeout': many, 'max-wait': many, skills: many, expansion: many, 'remove-agent': many, 'add-agent': many,
      validate: { type: 'boolean' }, json: { type: 'boolean' }, export: { type: 'string' },
    },
  });
  const offset = values['utc-offset'];
  const changes: WhatIfChanges = { queues: queueChanges(values), removeAgents: values['remove-agent'] ?? [], addAgents: (values['add-agent'] ?? []).map(addedAgent) };
  const request: WhatIfRequest = {
    ...(values.day !== undefined ? { day: values.day } : {}),
    ...(offset !== undefined ? { utcOffsetMinutes: Number(offset) } : {}),
    ...(values.from !== undefined ? { from: values.from } : {}),
    ...(values.to !== undefined ? { to: values.to } : {}),
    ...(values.queue !== undefined ? { queueIds: values.queue } : {}),
    ...(values.definition !== undefined ? { definitionVersion: integer('definition', values.definition) } : {}),
    changes,
  };
  return { request, validate: values.validate ?? false, json: values.json ?? false, ...(values.export !== undefined ? { exportTo: values.export } : {}) };
}
