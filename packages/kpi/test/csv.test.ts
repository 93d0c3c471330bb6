import t from 'tap';
import { KPI_DEFINITION_V1, report, reportToCsv } from '../src/index.js';
import { HOUR, MINUTE, T0, answered, unanswered } from './fixtures/records.js';

const FIGURE_HEADER =
  'offered,answered,abandoned,short_abandoned,overflowed,voicemail,blocked,service_level,asa_seconds,aht_seconds,' +
  'average_wrap_up_seconds,abandon_rate,longest_wait_seconds,estimate_error_seconds,fcr_rate,fcr_pending,occupancy,calls_per_agent,' +
  'csat_average,csat_satisfied_rate,nps,survey_offer_rate,survey_response_rate,' +
  'callbacks_requested,callbacks_completed,callbacks_failed,callback_completion_rate,callback_speed_seconds,' +
  'outbound_calls,outbound_connected,outbound_connect_rate,outbound_talk_seconds';
const DEFINITION_HEADER =
  'definition_version,definition_sl_threshold_seconds,definition_short_abandon_seconds,' +
  'definition_short_abandons_count_as_offered,definition_fcr_window_hours,definition_sl_formula,' +
  'definition_occupancy_counts_reserved';
const V1_CELLS = '1,20,5,false,24,answered-within / offered,true';

t.test('an empty report is its header', async (t) => {
  t.equal(reportToCsv(report([], [], { definition: KPI_DEFINITION_V1 })), `${FIGURE_HEADER},${DEFINITION_HEADER}\r\n`);
});

t.test('rows per agent per hour at +08:00, with awkward ids', async (t) => {
  const calls = [
    answered({ agentId: '=1+2', surveyOffered: true, survey: { scale: 'csat', score: 4 } }), // 08:00Z = 16:00 local
    unanswered('abandoned', 30, { enqueuedAt: T0 + 5 * MINUTE }),
    answered({ agentId: 'a,"b', enqueuedAt: T0 + 70 * MINUTE }), // 17:10 local
  ];
  const result = report(calls, [], {
    definition: KPI_DEFINITION_V1,
    groupBy: 'agent',
    bucket: '60m',
    utcOffsetMinutes: 480,
    observedUntil: T0 + 48 * HOUR,
  });
  const sixteen = '2024-05-06T16:00:00+08:00,2024-05-06T17:00:00+08:00';
  const seventeen = '2024-05-06T17:00:00+08:00,2024-05-06T18:00:00+08:00';
  // answered defaults: wait 10, talk 100, hold 0, wrap-up 20 ⇒ AHT 120; both answered calls come from
  // the same number, so the first is repeated (FCR 0) and the second resolved (FCR 1).
  t.equal(
    reportToCsv(result),
    [
      `agent_id,bucket_start,bucket_end,${FIGURE_HEADER},${DEFINITION_HEADER}`,
      `,${sixteen},1,0,1,0,0,0,0,0,,,,1,30,,,0,,,,,,,,0,0,0,,,0,0,,,${V1_CELLS}`,
      `'=1+2,${sixteen},1,1,0,0,0,0,0,1,10,120,20,0,10,,0,0,,1,4,1,,1,1,0,0,0,,,0,0,,,${V1_CELLS}`,
      `"a,""b",${seventeen},1,1,0,0,0,0,0,1,10,120,20,0,10,,1,0,,1,,,,0,,0,0,0,,,0,0,,,${V1_CELLS}`,
      '',
    ].join('\r\n'),
  );
});

t.test('without buckets, per queue and in total', async (t) => {
  const lines = (groupBy: 'queue' | 'none') =>
    reportToCsv(report([answered()], [], { definition: KPI_DEFINITION_V1, groupBy })).split('\r\n');
  // one answered call whose FCR window is still open: fcr_rate empty, fcr_pending 1
  const figures = `1,1,0,0,0,0,0,1,10,120,20,0,10,,,1,,1,,,,0,,0,0,0,,,0,0,,,${V1_CELLS}`;
  t.same(lines('queue'), [`queue_id,${FIGURE_HEADER},${DEFINITION_HEADER}`, `sales,${figures}`, '']);
  t.same(lines('none'), [`${FIGURE_HEADER},${DEFINITION_HEADER}`, figures, '']);
});
