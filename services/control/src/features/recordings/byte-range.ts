export type ByteRange = { start: number; end: number };

/**
 * One `Range: bytes=…` request against a file of `size` bytes (RFC 9110 §14.1.2): `a-b`, `a-`
 * or the suffix `-n`. Returns undefined for no (or an unusable) header, meaning the whole file,
 * and 'unsatisfiable' when the range lies wholly past the end (416). Multiple ranges are served
 * as the whole file, which the RFC allows.
 */
export function parseByteRange(header: string | undefined, size: number): ByteRange | 'unsatisfiable' | undefined {
  const match = header?.trim().match(/^bytes=(\d*)-(\d*)$/);
  if (!match) return undefined;
  const [, first, last] = match as unknown as [string, string, string];
  if (first === '' && last === '') return undefined;
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  if (start >= size) return 'unsatisfiable';
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  return end < start ? undefined : { start, end };
}
