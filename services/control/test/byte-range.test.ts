import t from 'tap';
import { parseByteRange } from '../src/features/recordings/byte-range.js';

t.test('byte ranges a browser audio element sends', async (t) => {
  t.same(parseByteRange('bytes=0-', 1000), { start: 0, end: 999 });
  t.same(parseByteRange('bytes=100-199', 1000), { start: 100, end: 199 });
  t.same(parseByteRange('bytes=900-5000', 1000), { start: 900, end: 999 }, 'clamped to the end');
  t.same(parseByteRange('bytes=-100', 1000), { start: 900, end: 999 }, 'the last 100 bytes');
  t.same(parseByteRange('bytes=-5000', 1000), { start: 0, end: 999 });
});

t.test('what is not a usable single range', async (t) => {
  t.equal(parseByteRange(undefined, 1000), undefined);
  t.equal(parseByteRange('bytes=0-10,20-30', 1000), undefined, 'several ranges: the whole file');
  t.equal(parseByteRange('items=0-10', 1000), undefined);
  t.equal(parseByteRange('bytes=-', 1000), undefined);
  t.equal(parseByteRange('bytes=50-10', 1000), undefined, 'reversed: ignored');
  t.equal(parseByteRange('bytes=1000-', 1000), 'unsatisfiable');
  t.equal(parseByteRange('bytes=-0', 1000), 'unsatisfiable');
});
