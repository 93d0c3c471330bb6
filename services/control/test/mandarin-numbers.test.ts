import t from 'tap';
import { mandarinNumberWords } from '../src/features/calls/mandarin-numbers.js';

const SAID: Record<string, string> = { '0': '零', '1': '一', '2': '二', '3': '三', '4': '四', '5': '五', '6': '六', '7': '七', '8': '八', '9': '九', liang: '两', '10': '十', '100': '百', '1000': '千', '10000': '万' };
const say = (n: number) => mandarinNumberWords(n).map((w) => SAID[w]).join('');

t.test('numbers are said as a Mandarin speaker says them', async (t) => {
  const expected: [number, string][] = [
    [0, '零'], [1, '一'], [2, '二'], [7, '七'], [10, '十'], [12, '十二'], [20, '二十'], [22, '二十二'], [99, '九十九'],
    [100, '一百'], [101, '一百零一'], [110, '一百一十'], [112, '一百一十二'], [200, '两百'], [222, '两百二十二'], [305, '三百零五'],
    [1000, '一千'], [1003, '一千零三'], [1010, '一千零一十'], [1100, '一千一百'], [2000, '两千'], [2002, '两千零二'], [9999, '九千九百九十九'],
    [10_000, '一万'], [10_010, '一万零一十'], [12_345, '一万两千三百四十五'], [20_000, '两万'], [20_500, '两万零五百'], [100_000, '十万'],
    [110_000, '十一万'], [1_000_001, '一百万零一'], [99_999_999, '九千九百九十九万九千九百九十九'],
  ];
  for (const [n, words] of expected) t.equal(say(n), words, `${n}`);
});

t.test('fractions and negatives are not said; beyond a hundred million the digits are', async (t) => {
  t.equal(say(3.7), '三');
  t.equal(say(-5), '零');
  t.same(mandarinNumberWords(123_456_789), ['1', '2', '3', '4', '5', '6', '7', '8', '9']);
});
