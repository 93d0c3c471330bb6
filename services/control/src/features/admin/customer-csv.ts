import { parse } from 'csv-parse/sync';
import type { Customer } from '@hotline/contracts';

export interface CsvProblem {
  line: number;
  field: string;
  message: string;
}

const TIERS = new Set(['standard', 'gold', 'vip']);
const NUMBER = /^\+?[0-9]{2,20}$/;

interface CsvRecord {
  cells: string[];
  /** The line the record starts on: a quoted field may span several. */
  line: number;
}

/** Records with the line each starts on, or the parser's own error with its line. */
function readRecords(text: string): { records: CsvRecord[]; error?: CsvProblem } {
  try {
    const parsed = parse(text, { bom: true, trim: true, skip_empty_lines: true, relax_column_count: true, info: true }) as unknown as { record: string[]; info: { lines: number; empty_lines: number } }[];
    let previousEnd = 0;
    let previousEmpty = 0;
    const records = parsed.map(({ record, info }) => {
      const line = previousEnd + 1 + (info.empty_lines - previousEmpty);
      previousEnd = info.lines;
      previousEmpty = info.empty_lines;
      return { cells: record, line };
    });
    return { records };
  } catch (error) {
    const { lines, message } = error as { lines?: number; message: string };
    return { records: [], error: { line: lines ?? 1, field: 'file', message } };
  }
}

/**
 * Parses a customer directory export: a header naming `number`, `name`, `tier` (any order, other
 * columns ignored), then one customer per line. Returns every problem rather than the first, so a
 * file can be fixed in one pass; nothing is imported while any problem remains.
 */
export function parseCustomerCsv(text: string): { customers: Customer[]; problems: CsvProblem[] } {
  const { records, error } = readRecords(text);
  if (error) return { customers: [], problems: [error] };
  const [head, ...rows] = records;
  const header = (head?.cells ?? []).map((h) => h.toLowerCase());
  const col = (name: string) => header.indexOf(name);
  const problems: CsvProblem[] = [];
  if (col('number') < 0) problems.push({ line: 1, field: 'number', message: 'the header has no number column' });
  if (problems.length > 0) return { customers: [], problems };
  const customers: Customer[] = [];
  const seen = new Map<string, number>();
  for (const { cells, line } of rows) {
    const number = cells[col('number')] ?? '';
    const name = col('name') >= 0 ? (cells[col('name')] ?? '') : '';
    const tier = (col('tier') >= 0 ? (cells[col('tier')] ?? '') : '').toLowerCase() || 'standard';
    if (!NUMBER.test(number)) problems.push({ line, field: 'number', message: `'${number}' is not a phone number` });
    if (!TIERS.has(tier)) problems.push({ line, field: 'tier', message: `'${tier}' is not one of standard, gold, vip` });
    if (name.length > 120) problems.push({ line, field: 'name', message: 'longer than 120 characters' });
    const first = seen.get(number);
    if (first !== undefined) problems.push({ line, field: 'number', message: `${number} already appears on line ${first}` });
    seen.set(number, line);
    customers.push({ number, name: name || null, tier: tier as Customer['tier'] });
  }
  return { customers, problems };
}
