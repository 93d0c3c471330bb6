import type { NumberPlanRule, Role } from '@hotline/contracts';

export type PlanVerdict = { allowed: true; rule: string } | { allowed: false; reason: string };

/**
 * Whether someone of `role` may have `number` dialled: it must match a rule of the deployment's
 * plan that names the role. Everything else is refused before anything is dialled.
 */
export function checkNumberPlan(plan: readonly NumberPlanRule[], role: Role, number: string): PlanVerdict {
  const matching = plan.filter((rule) => new RegExp(rule.pattern).test(number));
  const rule = matching.find((r) => r.roles.includes(role));
  if (rule) return { allowed: true, rule: rule.name };
  if (matching.length > 0) return { allowed: false, reason: `${matching.map((r) => r.name).join(', ')} numbers may not be dialled by the ${role} role` };
  return { allowed: false, reason: `${number} is outside the number plan (${plan.map((r) => r.name).join(', ') || 'no numbers allowed'})` };
}
