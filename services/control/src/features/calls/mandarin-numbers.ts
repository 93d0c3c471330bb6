/**
 * A whole number as it is said in Mandarin, as the names of the sound files that say it: '0'–'9'
 * (零 一 … 九), 'liang' (两, for a 2 before 百, 千 or 万), and the units '10' 十, '100' 百,
 * '1000' 千, '10000' 万. 12 is 十二, 105 一百零五, 1003 一千零三, 2000 两千, 20500 两万零五百.
 * Up to 99,999,999; a larger number is read digit by digit.
 */
export function mandarinNumberWords(n: number): string[] {
  const value = Math.max(0, Math.floor(n));
  if (value >= 100_000_000) return [...String(value)];
  if (value === 0) return ['0'];
  const high = Math.floor(value / 10_000);
  const low = value % 10_000;
  if (high === 0) return belowTenThousand(low, true);
  const words = [...(high === 2 ? ['liang'] : belowTenThousand(high, true)), '10000'];
  if (low === 0) return words;
  // A gap before the low group is read as one 零: 一万零五十, 两万零五百.
  return [...words, ...(low < 1000 ? ['0'] : []), ...belowTenThousand(low, false)];
}

const UNITS = ['1000', '100', '10', ''] as const;

/** 1–9,999; `leading`: nothing is said before it, so 10–19 begin with 十 rather than 一十. */
function belowTenThousand(value: number, leading: boolean): string[] {
  const digits = String(value).padStart(4, '0').split('').map(Number);
  const words: string[] = [];
  let gap = false;
  digits.forEach((digit, i) => {
    const unit = UNITS[i]!;
    if (digit === 0) {
      gap = words.length > 0;
      return;
    }
    if (gap) words.push('0');
    gap = false;
    if (unit === '10' && digit === 1 && leading && words.length === 0) words.push('10');
    else if (digit === 2 && (unit === '1000' || unit === '100')) words.push('liang', unit);
    else words.push(String(digit), ...(unit ? [unit] : []));
  });
  return words;
}
