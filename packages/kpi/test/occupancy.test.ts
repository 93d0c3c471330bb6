import t from 'tap';
import { KPI_DEFINITION_V1, occupancy } from '../src/index.js';
import { span } from './fixtures/records.js';

// One agent's 60 minutes: staffed 30 (everything but logged-out).
const day = [
  span('a1', 'ready', 0, 10),
  span('a1', 'reserved', 10, 11),
  span('a1', 'on-call', 11, 20),
  span('a1', 'wrap-up', 20, 25),
  span('a1', 'not-ready', 25, 30),
  span('a1', 'logged-out', 30, 60),
];

t.test('handling ÷ staffed', async (t) => {
  t.equal(occupancy(day, KPI_DEFINITION_V1), (1 + 9 + 5) / 30, 'reserved + on-call + wrap-up');
  const withoutReserved = { ...KPI_DEFINITION_V1, version: 2, occupancyCountsReserved: false };
  t.equal(occupancy(day, withoutReserved), (9 + 5) / 30, 'on-call + wrap-up');
});

t.test('zero staffed time gives null', async (t) => {
  t.equal(occupancy([], KPI_DEFINITION_V1), null);
  t.equal(occupancy([span('a1', 'logged-out', 0, 60)], KPI_DEFINITION_V1), null);
});

t.test('a backwards span counts as no time', async (t) => {
  t.equal(occupancy([span('a1', 'on-call', 10, 5), span('a1', 'ready', 0, 10)], KPI_DEFINITION_V1), 0);
});
