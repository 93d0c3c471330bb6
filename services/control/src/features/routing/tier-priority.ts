/** A customer's tier puts their calls ahead in line: VIP first, then gold, then everyone else. */
const TIER_PRIORITY: Readonly<Record<string, number>> = { vip: 10, gold: 5 };

export function tierPriority(tier: string | null): number {
  return TIER_PRIORITY[tier ?? ''] ?? 0;
}
