import t from 'tap';
import { createSoftphoneTickets } from '../src/features/softphone/ticket.js';

t.test('a ticket opens the SIP websocket for its agent while the session lasts', async (t) => {
  let now = 1_000;
  const revoked = new Set<string>();
  const tickets = createSoftphoneTickets('s'.repeat(32), (id) => revoked.has(id), () => now);
  const ticket = tickets.issue({ agentId: '1001', sessionId: 'abc', exp: 5_000 });
  t.same(tickets.verify(ticket), { agentId: '1001', sessionId: 'abc', exp: 5_000 });
  const [payload, signature] = ticket.split('.') as [string, string];
  const forged = Buffer.from(JSON.stringify({ agentId: '1002', sessionId: 'abc', exp: 5_000 })).toString('base64url');
  t.equal(tickets.verify(`${forged}.${signature}`), undefined, 'another agent cannot be named');
  t.equal(tickets.verify(payload), undefined, 'unsigned');
  t.equal(createSoftphoneTickets('t'.repeat(32), () => false, () => now).verify(ticket), undefined, 'another secret');
  revoked.add('abc');
  t.equal(tickets.verify(ticket), undefined, 'a logout ends it');
  revoked.clear();
  now = 5_000;
  t.equal(tickets.verify(ticket), undefined, 'so does the end of the session');
});
