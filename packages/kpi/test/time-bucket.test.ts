import t from 'tap';
import { bucketOf, formatLocalTime, splitByBucket } from '../src/index.js';

const utc = (iso: string) => Date.parse(`${iso}Z`);

t.test('minute buckets', async (t) => {
  t.same(bucketOf(utc('2024-05-06T08:07:30'), '15m', 0), { start: utc('2024-05-06T08:00'), end: utc('2024-05-06T08:15') });
  // +05:45: 08:07:30Z is 13:52:30 local ⇒ local 13:30–14:00 ⇒ 07:45Z–08:15Z
  t.same(bucketOf(utc('2024-05-06T08:07:30'), '30m', 345), { start: utc('2024-05-06T07:45'), end: utc('2024-05-06T08:15') });
  // −05:00: 08:07:30Z is 03:07:30 local ⇒ local 03:00–04:00 ⇒ 08:00Z–09:00Z
  t.same(bucketOf(utc('2024-05-06T08:07:30'), '60m', -300), { start: utc('2024-05-06T08:00'), end: utc('2024-05-06T09:00') });
});

t.test('days follow the local date', async (t) => {
  // +08:00: 20:00Z on the 6th is 04:00 on the 7th locally ⇒ the 7th, 16:00Z on the 6th to 16:00Z on the 7th
  t.same(bucketOf(utc('2024-05-06T20:00'), 'day', 480), { start: utc('2024-05-06T16:00'), end: utc('2024-05-07T16:00') });
});

t.test('weeks start on Monday', async (t) => {
  // Sunday 2024-05-12 23:59Z belongs to the week of Monday the 6th
  t.same(bucketOf(utc('2024-05-12T23:59'), 'week', 0), { start: utc('2024-05-06T00:00'), end: utc('2024-05-13T00:00') });
  // at +01:00 the same moment is already Monday 00:59 local
  t.same(bucketOf(utc('2024-05-12T23:59'), 'week', 60), { start: utc('2024-05-12T23:00'), end: utc('2024-05-19T23:00') });
});

t.test('months have their own length', async (t) => {
  // +08:00: 2024-01-31 17:00Z is 1 February 01:00 local; February 2024 has 29 days
  t.same(bucketOf(utc('2024-01-31T17:00'), 'month', 480), { start: utc('2024-01-31T16:00'), end: utc('2024-02-29T16:00') });
  t.same(bucketOf(utc('2024-12-15T12:00'), 'month', 0), { start: utc('2024-12-01T00:00'), end: utc('2025-01-01T00:00') });
});

t.test('a span is cut at bucket boundaries', async (t) => {
  t.same(splitByBucket({ start: utc('2024-05-06T08:10'), end: utc('2024-05-06T08:50') }, '15m', 0), [
    { bucket: { start: utc('2024-05-06T08:00'), end: utc('2024-05-06T08:15') }, part: { start: utc('2024-05-06T08:10'), end: utc('2024-05-06T08:15') } },
    { bucket: { start: utc('2024-05-06T08:15'), end: utc('2024-05-06T08:30') }, part: { start: utc('2024-05-06T08:15'), end: utc('2024-05-06T08:30') } },
    { bucket: { start: utc('2024-05-06T08:30'), end: utc('2024-05-06T08:45') }, part: { start: utc('2024-05-06T08:30'), end: utc('2024-05-06T08:45') } },
    { bucket: { start: utc('2024-05-06T08:45'), end: utc('2024-05-06T09:00') }, part: { start: utc('2024-05-06T08:45'), end: utc('2024-05-06T08:50') } },
  ]);
  t.same(splitByBucket({ start: utc('2024-05-06T08:10'), end: utc('2024-05-06T08:10') }, '15m', 0), [], 'empty span');
});

t.test('local time is printed with its offset', async (t) => {
  t.equal(formatLocalTime(utc('2024-05-06T07:45'), 345), '2024-05-06T13:30:00+05:45');
  t.equal(formatLocalTime(utc('2024-05-06T08:00'), -300), '2024-05-06T03:00:00-05:00');
  t.equal(formatLocalTime(utc('2024-05-06T08:00'), 0), '2024-05-06T08:00:00+00:00');
});
