/** Today's period for report queries, in the browser's local time. */
export function todayQuery(): string {
  const start = new Date();
  start.setHours(0, 0, 0, 0);
  const end = new Date(start.getTime() + 86_400_000);
  const offset = -start.getTimezoneOffset();
  return `from=${encodeURIComponent(start.toISOString())}&to=${encodeURIComponent(end.toISOString())}&utcOffsetMinutes=${offset}`;
}

