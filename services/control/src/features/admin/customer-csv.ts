import type { Customer } from '@hotline/contracts';

export interface CsvProblem {
  line: number;
  field: string;
  message: string;
}

const TIERS = new Set(['standard', 'gold', 'vip']);
const NUMBER = /^\+?[0-9]{2,20}$/;

/** Splits one CSV line, honouring double-quoted fields with "" escapes. */
export function splitCsvLine(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      fields.push(field);
      field = '';
    } else field += ch;
  }
  fields.push(field);
  return fields.map((f) => f.trim());
}

/**
 * Parses a customer directory export: a header naming `number`, `name`, `tier` (any order, other
 * columns ignored), then one customer per line. Returns every problem rather than the first, so a
 * file can be fixed in one pass; nothing is imported while any problem remains.
 */
export function parseCustomerCsv(text: string): { customers: Customer[]; problems: CsvProblem[] } {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = splitCsvLine(lines[0] ?? '').map((h) => h.toLowerCase());
  const col = (name: string) => header.indexOf(name);
  const problems: CsvProblem[] = [];
  if (col('number') < 0) problems.push({ line: 1, field: 'number', message: 'the header has no number column' });
  if (problems.length > 0) return { customers: [], problems };
  const customers: Customer[] = [];
  const seen = new Map<string, number>();
  lines.slice(1).forEach((raw, index) => {
    const line = index + 2;
    if (raw.trim() === '') return;
    const cells = splitCsvLine(raw);
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
  });
  return { customers, problems };
}
