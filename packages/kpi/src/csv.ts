import type { KpiDefinition } from './definition.js';
import type { KpiFigures } from './figures.js';
import type { GroupBy, KpiReport, ReportRow } from './report.js';
import { formatLocalTime } from './time-bucket.js';

type Cell = string | number | boolean | null;

/** Records, so adding a figure or a definition field without a column fails to compile. */
const FIGURE_COLUMNS: Record<keyof KpiFigures, string> = {
  offered: 'offered',
  answered: 'answered',
  abandoned: 'abandoned',
  shortAbandoned: 'short_abandoned',
  overflowed: 'overflowed',
  voicemail: 'voicemail',
  blocked: 'blocked',
  serviceLevel: 'service_level',
  asaSeconds: 'asa_seconds',
  ahtSeconds: 'aht_seconds',
  averageWrapUpSeconds: 'average_wrap_up_seconds',
  abandonRate: 'abandon_rate',
  longestWaitSeconds: 'longest_wait_seconds',
  estimateErrorSeconds: 'estimate_error_seconds',
  fcrRate: 'fcr_rate',
  fcrPending: 'fcr_pending',
  occupancy: 'occupancy',
  callsPerAgent: 'calls_per_agent',
  csatAverage: 'csat_average',
  csatSatisfiedRate: 'csat_satisfied_rate',
  nps: 'nps',
  surveyOfferRate: 'survey_offer_rate',
  surveyResponseRate: 'survey_response_rate',
  callbacksRequested: 'callbacks_requested',
  callbacksCompleted: 'callbacks_completed',
  callbacksFailed: 'callbacks_failed',
  callbackCompletionRate: 'callback_completion_rate',
  callbackSpeedSeconds: 'callback_speed_seconds',
  outboundCalls: 'outbound_calls',
  outboundConnected: 'outbound_connected',
  outboundConnectRate: 'outbound_connect_rate',
  outboundTalkSeconds: 'outbound_talk_seconds',
};

/** Every line repeats the definition, so a CSV cut out of its report still states its rules. */
const DEFINITION_COLUMNS: Record<keyof KpiDefinition, string> = {
  version: 'definition_version',
  slThresholdSeconds: 'definition_sl_threshold_seconds',
  shortAbandonSeconds: 'definition_short_abandon_seconds',
  shortAbandonsCountAsOffered: 'definition_short_abandons_count_as_offered',
  fcrWindowHours: 'definition_fcr_window_hours',
  slFormula: 'definition_sl_formula',
  occupancyCountsReserved: 'definition_occupancy_counts_reserved',
};

const GROUP_COLUMN: Record<GroupBy, string | null> = { none: null, queue: 'queue_id', agent: 'agent_id', team: 'team_id' };

/** Text a spreadsheet would run as a formula starts with one of these; a leading ' defuses it. */
const FORMULA_START = /^[=+\-@\t\r]/;

function escapeCell(value: Cell): string {
  if (value === null) return '';
  if (typeof value !== 'string') return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** RFC 4180 CSV (CRLF line ends) of a report: one line per row, nulls as empty cells. */
export function reportToCsv(report: KpiReport): string {
  const groupColumn = GROUP_COLUMN[report.groupBy];
  const figureKeys = Object.keys(FIGURE_COLUMNS) as (keyof KpiFigures)[];
  const definitionKeys = Object.keys(DEFINITION_COLUMNS) as (keyof KpiDefinition)[];
  const header = [
    ...(groupColumn === null ? [] : [groupColumn]),
    ...(report.bucket === null ? [] : ['bucket_start', 'bucket_end']),
    ...figureKeys.map((key) => FIGURE_COLUMNS[key]),
    ...definitionKeys.map((key) => DEFINITION_COLUMNS[key]),
  ];
  const line = (row: ReportRow): Cell[] => [
    ...(groupColumn === null ? [] : [row.group]),
    ...(row.bucket === null
      ? []
      : [formatLocalTime(row.bucket.start, report.utcOffsetMinutes), formatLocalTime(row.bucket.end, report.utcOffsetMinutes)]),
    ...figureKeys.map((key) => row.figures[key]),
    ...definitionKeys.map((key) => report.definition[key]),
  ];
  return [header, ...report.rows.map(line)].map((cells) => `${cells.map(escapeCell).join(',')}\r\n`).join('');
}
