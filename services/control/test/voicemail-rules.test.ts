import t from 'tap';
import type { VoicemailMessage } from '@hotline/db';
import { canSee, decideChange, type VoicemailActor } from '../src/features/voicemail/voicemail-rules.js';

const message = (fields: Partial<VoicemailMessage> = {}): VoicemailMessage => ({
  id: '6f1c2f5e-3b1e-4d38-9a52-0d7a6c1e2b10', queueId: 'billing', customerNumber: '5550101', customerName: null, leftAt: 1, secs: 4, bytes: 64_044,
  status: 'new', assigneeId: null, audio: 'stored', heardAt: null, heardBy: null, note: null, updatedAt: 1, updatedBy: 'system', ...fields,
});
const supervisor: VoicemailActor = { role: 'supervisor' };
const alice: VoicemailActor = { role: 'agent', agentId: '1001' };

t.test('assigning moves a new message to assigned, unassigning back to new', async (t) => {
  t.same(decideChange(supervisor, message(), { assigneeId: '1001' }), { next: { status: 'assigned', assigneeId: '1001', note: null } });
  const assigned = message({ status: 'assigned', assigneeId: '1001' });
  t.same(decideChange(supervisor, assigned, { assigneeId: '1002' }), { next: { status: 'assigned', assigneeId: '1002', note: null } }, 'reassigned');
  t.same(decideChange(supervisor, assigned, { assigneeId: null }), { next: { status: 'new', assigneeId: null, note: null } });
  const done = message({ status: 'called-back', assigneeId: '1001' });
  t.same(decideChange(supervisor, done, { assigneeId: '1002' }), { next: { status: 'called-back', assigneeId: '1002', note: null } }, 'a finished message keeps its status');
});

t.test('closing, calling back, reopening and notes', async (t) => {
  t.same(decideChange(supervisor, message(), { status: 'closed', note: 'wrong number' }), { next: { status: 'closed', assigneeId: null, note: 'wrong number' } });
  const assigned = message({ status: 'assigned', assigneeId: '1001', note: 'urgent' });
  t.same(decideChange(alice, assigned, { status: 'called-back' }), { next: { status: 'called-back', assigneeId: '1001', note: 'urgent' } }, 'the note stays');
  t.same(decideChange(supervisor, message({ status: 'closed', assigneeId: '1001' }), { status: 'new' }), { next: { status: 'new', assigneeId: null, note: null } }, 'reopened, off its assignee');
  t.same(decideChange(supervisor, message(), { status: 'assigned', assigneeId: '1003' }), { next: { status: 'assigned', assigneeId: '1003', note: null } });
});

t.test('what is refused, and why', async (t) => {
  t.match(decideChange(supervisor, message(), { status: 'assigned' }), { refusal: { statusCode: 409, message: /assigneeId/ } }, 'assigned to nobody');
  t.match(decideChange(supervisor, message(), { status: 'new', assigneeId: '1001' }), { refusal: { statusCode: 409 } });
  const mine = message({ status: 'assigned', assigneeId: '1001' });
  t.match(decideChange(alice, mine, { assigneeId: '1002' }), { refusal: { statusCode: 403, message: /supervisor/ } }, 'an agent does not assign');
  t.match(decideChange(alice, mine, { status: 'new' }), { refusal: { statusCode: 403, message: /not new/ } }, 'nor reopen');
  t.match(decideChange(alice, mine, { note: 'left a message back' }), { next: { status: 'assigned', note: 'left a message back' } }, 'but notes');
});

t.test('an agent sees only the messages assigned to them', async (t) => {
  t.ok(canSee(supervisor, message()));
  t.ok(canSee({ role: 'admin' }, message()));
  t.ok(canSee(alice, message({ assigneeId: '1001' })));
  t.notOk(canSee(alice, message({ assigneeId: '1002' })));
  t.notOk(canSee(alice, message()));
  t.notOk(canSee({ role: 'agent', agentId: null }, message()), 'an agent login without an agent sees none');
});
