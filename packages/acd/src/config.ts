// Validates plain-data configuration once and fills in defaults, so the hot paths never re-check.
import { DEFAULT_NOT_READY_REASONS, DEVICE_OFFLINE, MISSED_CALL } from './agent-state.js';
import { AcdError } from './errors.js';
import type { AgentConfig, OverflowTarget, QueueConfig, QueueId, SkillId, Strategy } from './types.js';

export const MIN_LEVEL = 1;
export const MAX_LEVEL = 10;

/** The minimum level that applies from `afterMs` of waiting on; the first step is at 0. */
export interface LevelStep {
  readonly afterMs: number;
  readonly minLevel: number;
}

export interface ResolvedRequirement {
  readonly skill: SkillId;
  readonly steps: readonly LevelStep[];
}

export interface ResolvedQueue {
  readonly id: QueueId;
  readonly skills: readonly ResolvedRequirement[];
  readonly strategy: Strategy;
  readonly weight: number;
  readonly maxWaiting: number;
  readonly maxWaitMs: number;
  readonly overflow: OverflowTarget;
  readonly ringTimeoutMs: number;
  readonly wrapUpMs: number;
}

const STRATEGIES: readonly Strategy[] = ['longest-idle', 'best-skill'];
const SYSTEM_REASONS: readonly string[] = [MISSED_CALL, DEVICE_OFFLINE];

function invalid(field: string, problem: string): AcdError {
  return new AcdError('INVALID_CONFIG', `${field} ${problem}`);
}

function isLevel(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= MIN_LEVEL && (value as number) <= MAX_LEVEL;
}

function requireId(field: string, value: unknown): string {
  if (typeof value !== 'string' || value === '') throw invalid(field, 'must be a non-empty string');
  return value;
}

/** A seconds setting in milliseconds; `fallback` is in seconds too. */
function seconds(field: string, value: number | undefined, fallback: number, minimum: number): number {
  if (value === undefined) return fallback * 1000;
  if (!Number.isFinite(value) || value < minimum) throw invalid(field, `must be a number ≥ ${minimum}`);
  return value * 1000;
}

function resolveSteps(field: string, minLevel: number, expansion: QueueConfig['skills'][number]['expansion']): LevelStep[] {
  if (!isLevel(minLevel)) throw invalid(`${field}.minLevel`, `must be an integer ${MIN_LEVEL}–${MAX_LEVEL}`);
  const steps: LevelStep[] = [{ afterMs: 0, minLevel }];
  (expansion ?? []).forEach((step, i) => {
    const previous = steps[steps.length - 1] as LevelStep;
    const afterMs = seconds(`${field}.expansion[${i}].afterSeconds`, step.afterSeconds, 0, 0);
    if (afterMs <= previous.afterMs) throw invalid(`${field}.expansion[${i}].afterSeconds`, 'must increase step by step');
    // Levels only fall as a call waits; dispatch relies on older calls being easier to serve.
    if (!isLevel(step.minLevel) || step.minLevel > previous.minLevel) {
      throw invalid(`${field}.expansion[${i}].minLevel`, `must be an integer ${MIN_LEVEL}–${previous.minLevel}`);
    }
    steps.push({ afterMs, minLevel: step.minLevel });
  });
  return steps;
}

function resolveOverflow(field: string, queueId: QueueId, target: OverflowTarget | undefined): OverflowTarget {
  if (target === undefined) return { kind: 'voicemail' };
  if (target.kind === 'voicemail' || target.kind === 'goodbye') return { kind: target.kind };
  if (target.kind !== 'queue') throw invalid(`${field}.kind`, "must be 'queue', 'voicemail' or 'goodbye'");
  if (requireId(`${field}.queueId`, target.queueId) === queueId) throw invalid(`${field}.queueId`, 'must name another queue');
  return { kind: 'queue', queueId: target.queueId };
}

export function resolveQueue(config: QueueConfig): ResolvedQueue {
  const id = requireId('queue.id', config.id);
  const field = `queue ${id}:`;
  if (!Array.isArray(config.skills) || config.skills.length === 0) throw invalid(`${field} skills`, 'must name at least one skill');
  const seen = new Set<SkillId>();
  const skills = config.skills.map((requirement, i) => {
    const skill = requireId(`${field} skills[${i}].skill`, requirement.skill);
    if (seen.has(skill)) throw invalid(`${field} skills[${i}].skill`, `repeats ${skill}`);
    seen.add(skill);
    return { skill, steps: resolveSteps(`${field} skills[${i}]`, requirement.minLevel, requirement.expansion) };
  });
  const strategy = config.strategy ?? 'longest-idle';
  if (!STRATEGIES.includes(strategy)) throw invalid(`${field} strategy`, `must be one of ${STRATEGIES.join(', ')}`);
  const weight = config.weight ?? 0;
  if (!Number.isFinite(weight)) throw invalid(`${field} weight`, 'must be a finite number');
  const maxWaiting = config.maxWaiting ?? Infinity;
  if (maxWaiting !== Infinity && (!Number.isInteger(maxWaiting) || maxWaiting < 1)) {
    throw invalid(`${field} maxWaiting`, 'must be an integer ≥ 1');
  }
  return {
    id,
    skills,
    strategy,
    weight,
    maxWaiting,
    maxWaitMs: seconds(`${field} maxWaitSeconds`, config.maxWaitSeconds, Infinity, 1),
    overflow: resolveOverflow(`${field} overflow`, id, config.overflow),
    ringTimeoutMs: seconds(`${field} ringTimeoutSeconds`, config.ringTimeoutSeconds, 15, 1),
    wrapUpMs: seconds(`${field} wrapUpSeconds`, config.wrapUpSeconds, 0, 0),
  };
}

export function resolveAgentSkills(config: AgentConfig): ReadonlyMap<SkillId, number> {
  const id = requireId('agent.id', config.id);
  const skills = new Map<SkillId, number>();
  for (const [skill, level] of Object.entries(config.skills)) {
    if (!isLevel(level)) throw invalid(`agent ${id}: skills.${skill}`, `must be an integer ${MIN_LEVEL}–${MAX_LEVEL}`);
    skills.set(skill, level);
  }
  return skills;
}

export function resolveReasons(reasons: readonly string[] = DEFAULT_NOT_READY_REASONS): ReadonlySet<string> {
  reasons.forEach((reason, i) => {
    requireId(`notReadyReasons[${i}]`, reason);
    if (SYSTEM_REASONS.includes(reason)) throw invalid(`notReadyReasons[${i}]`, `'${reason}' is set by the engine only`);
  });
  return new Set(reasons);
}
