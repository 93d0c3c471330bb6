import t from 'tap';
import { computeFigures, KPI_DEFINITION_V1, outboundFigures } from '../src/index.js';
import { answered } from './fixtures/records.js';

const placed = (status: 'answered' | 'no-answer' | 'busy' | 'failed' | 'cancelled', talkSeconds = 0) =>
  answered({ outcome: 'outbound', outbound: { status }, talkSeconds, ...(status === 'answered' ? {} : { answeredAt: null }) });

t.test('calls agents placed are counted on their own', async (t) => {
  const calls = [placed('answered', 90), placed('answered', 30), placed('no-answer'), placed('busy'), placed('cancelled'), answered()];
  t.same(outboundFigures(calls), { outboundCalls: 5, outboundConnected: 2, outboundConnectRate: 2 / 4, outboundTalkSeconds: 60 }, 'a call the agent gave up is no attempt on the customer');
  t.same(outboundFigures([answered()]), { outboundCalls: 0, outboundConnected: 0, outboundConnectRate: null, outboundTalkSeconds: null });
});

t.test('and never as a queue\'s: not offered, not answered, not in the handle time', async (t) => {
  const figures = computeFigures([placed('answered', 600), answered({ talkSeconds: 100 })], [], KPI_DEFINITION_V1, new Map());
  t.match(figures, { offered: 1, answered: 1, ahtSeconds: 120, outboundCalls: 1, outboundConnected: 1 });
});
