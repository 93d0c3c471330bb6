import t from 'tap';
import { inboundCdr } from '../src/features/reconciliation/ami-cdr.js';

const cdr = {
  event: 'Cdr', source: '5550100', destination: '7000', destinationcontext: 'from-trunk', uniqueid: '1795390000.7',
  starttime: '2026-11-23 01:02:03', answertime: '2026-11-23 01:02:04', endtime: '2026-11-23 01:05:00', disposition: 'ANSWERED',
};

t.test('an inbound call CDR from AMI', async (t) => {
  t.same(inboundCdr(cdr), {
    uniqueid: '1795390000.7', source: '5550100', destination: '7000', context: 'from-trunk',
    startedAt: Date.UTC(2026, 10, 23, 1, 2, 3), answeredAt: Date.UTC(2026, 10, 23, 1, 2, 4), endedAt: Date.UTC(2026, 10, 23, 1, 5, 0), disposition: 'ANSWERED',
  });
  t.equal(inboundCdr({ ...cdr, answertime: '' })?.answeredAt, null, 'never answered');
});

t.test('what is not an inbound call CDR is ignored', async (t) => {
  t.equal(inboundCdr({ ...cdr, event: 'Newchannel' }), undefined);
  t.equal(inboundCdr({ ...cdr, destinationcontext: 'default' }), undefined, 'originated agent legs are not calls');
  t.equal(inboundCdr({ ...cdr, uniqueid: '' }), undefined);
});
