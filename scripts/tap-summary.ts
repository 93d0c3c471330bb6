// Prints "N passed, N failed" over every assertion tap recorded (subtests flattened).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Parser } from 'tap-parser';

const dir = process.argv[2] ?? '.tap/test-results';
let passed = 0;
let failed = 0;
const walk = (d: string): string[] =>
  readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(d, e.name)) : e.name.endsWith('.tap') ? [join(d, e.name)] : []));
for (const file of walk(dir)) {
  const results = Parser.parse(readFileSync(file, 'utf8'), { flat: true });
  for (const line of results) {
    if (line[0] !== 'assert') continue;
    const result = line[1] as { ok: boolean; skip?: unknown; todo?: unknown };
    if (result.ok) passed++;
    else if (!result.todo && !result.skip) failed++;
  }
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
