import { KPI_DEFINITION_V1 } from '@hotline/kpi';

const v1 = KPI_DEFINITION_V1;

/**
 * The rules every figure of GET /reports/kpi follows, for its OpenAPI description. A KPI is only
 * comparable when its definition is fixed, so the API states it; V1's values come from the code.
 */
export const KPI_REPORT_DESCRIPTION = `
Every figure is computed under a versioned KPI definition (取数口径): the report returns the definition it used and the CSV
repeats it on every line. Figures are comparable only under the same definition version; a version is never changed (a change
is a new version, POST /reports/definitions), and any period can be recomputed under any version from the stored call rows.

- **Wait**: from enqueue to answer, ring time included; to hang-up for calls nobody answered.
- **Short abandon**: an abandoned call whose wait is under \`shortAbandonSeconds\` (V1: ${v1.shortAbandonSeconds} s). Unless
  \`shortAbandonsCountAsOffered\` (V1: ${v1.shortAbandonsCountAsOffered}), short abandons are left out of offered, abandoned and every rate,
  and counted as \`shortAbandoned\`.
- **Offered**: calls enqueued in the period (or bucket), less short abandons per the rule above.
- **Service level**: per \`slFormula\` (V1: \`${v1.slFormula}\`), where *answered-within* counts answered calls whose wait is at most
  \`slThresholdSeconds\` (V1: ${v1.slThresholdSeconds} s) and *abandoned-within* abandoned calls whose wait was still within it.
- **ASA**: mean wait of answered calls. **AHT**: mean talk + hold + wrap-up of answered calls. **Abandon rate**: abandoned ÷ offered.
  **Longest wait**: over every call, whatever its outcome. **Estimate error**: the mean absolute difference between each wait
  estimate a caller heard and the wait that followed it until an agent answered (callers who never reached one are left out).
- **FCR**: resolved ÷ (resolved + repeated) over answered calls. A call is *repeated* when the same number calls again (any
  queue, any outcome) after it was enqueued and no later than its end + \`fcrWindowHours\` (V1: ${v1.fcrWindowHours} h); calls after the
  period are read for this. A call whose window is still open at \`observedUntil\` (the time of the request) is *pending*:
  left out of the rate and counted as \`fcrPending\`. Withheld numbers are left out.
- **Occupancy**: handling ÷ staffed time from agent state intervals clipped to the period. Handling is on-call + wrap-up, and
  reserved (ringing) too when \`occupancyCountsReserved\` (V1: ${v1.occupancyCountsReserved}); staffed is every state but logged-out.
  Null per queue: agents serve several queues, so their time cannot be split between them.
- **CSAT**: mean of 1–5 scores (satisfied = share of 4–5). **NPS**: % of 9–10 − % of 0–6 (−100…100).
  **Survey offer rate**: surveys offered ÷ answered; **response rate**: answered ÷ offered.

Calls count in the bucket they were enqueued in; agent time is split across buckets. Per agent and per team, calls nobody
answered form the row whose group is null; a call counts for the team the answering agent is in today. Rates are 0–1,
times seconds; nothing to divide by gives null.

Supervisors and admins read every report. An agent may read only its own figures: \`groupBy=agent&agentId=<own extension>\`.
`.trim();
