/** Today's period for report queries, in the browser's local time. */
export function todayQuery(): string {
  const start = new Date();
  start.setHours(0, 0, 0, 0);
  const end = new Date(start.getTime() + 86_400_000);
  const offset = -start.getTimezoneOffset();
  return `from=${encodeURIComponent(start.toISOString())}&to=${encodeURIComponent(end.toISOString())}&utcOffsetMinutes=${offset}`;
}

export interface KpiFiguresView {
  offered: number;
  answered: number;
  abandoned: number;
  serviceLevel: number | null;
  asaSeconds: number | null;
  ahtSeconds: number | null;
  abandonRate: number | null;
  estimateErrorSeconds: number | null;
  csatAverage: number | null;
  nps: number | null;
  occupancy: number | null;
}

export interface KpiReportView {
  rows: { group: string | null; bucketStart: string | null; figures: KpiFiguresView }[];
}
