import t from 'tap';
import { qaTotal } from '../src/qa.js';

const form = [
  { id: 'greeting', label: 'Greets and identifies', weight: 10 },
  { id: 'resolution', label: 'Resolves the request', weight: 40 },
  { id: 'tone', label: 'Tone and empathy', weight: 50 },
];

t.test('the total weighs each mark by its criterion', async (t) => {
  t.equal(qaTotal(form, { greeting: 5, resolution: 5, tone: 5 }), 100);
  t.equal(qaTotal(form, { greeting: 0, resolution: 0, tone: 0 }), 0);
  t.equal(qaTotal(form, { greeting: 5, resolution: 0, tone: 0 }), 10, 'a light criterion moves the total a little');
  t.equal(qaTotal(form, { greeting: 0, resolution: 5, tone: 3 }), 70);
});

t.test('every criterion must be marked, with a whole mark 0–5, and nothing else', async (t) => {
  t.throws(() => qaTotal(form, { greeting: 5, resolution: 5 }), /scores\/tone: missing/);
  t.throws(() => qaTotal(form, { greeting: 5, resolution: 5, tone: 6 }), /scores\/tone: must be an integer 0–5/);
  t.throws(() => qaTotal(form, { greeting: 5, resolution: 5, tone: 2.5 }), /scores\/tone/);
  t.throws(() => qaTotal(form, { greeting: 5, resolution: 5, tone: 5, extra: 1 }), /scores\/extra: not a criterion/);
  t.throws(() => qaTotal([{ id: 'x', label: 'x', weight: 0 }], { x: 1 }), /no weighted criteria/);
});
