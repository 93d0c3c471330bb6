/**
 * How service level divides "answered within the threshold". "abandoned-within" are offered
 * calls abandoned while their wait was still within the threshold.
 */
export type SlFormula =
  | 'answered-within / offered'
  | 'answered-within / answered'
  | 'answered-within / (offered - abandoned-within)'
  | '(answered-within + abandoned-within) / offered';

/**
 * The fixed rules (取数口径) a report was computed under. Figures are only comparable between
 * reports with the same definition, so every report carries the one it used.
 */
export interface KpiDefinition {
  version: number;
  /** A call is answered within the threshold when its wait is at most this. */
  slThresholdSeconds: number;
  /** An abandoned call is short when its wait is under this. */
  shortAbandonSeconds: number;
  /** When false, short abandons are left out of offered, abandoned and every rate. */
  shortAbandonsCountAsOffered: boolean;
  /** A call counts as resolved when no call from the same number follows within this. */
  fcrWindowHours: number;
  slFormula: SlFormula;
  /** Whether time spent reserved (ringing at the agent) counts as handling for occupancy. */
  occupancyCountsReserved: boolean;
}

export const KPI_DEFINITION_V1: Readonly<KpiDefinition> = Object.freeze({
  version: 1,
  slThresholdSeconds: 20,
  shortAbandonSeconds: 5,
  shortAbandonsCountAsOffered: false,
  fcrWindowHours: 24,
  slFormula: 'answered-within / offered',
  occupancyCountsReserved: true,
});
