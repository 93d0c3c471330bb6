import { writeFileSync } from 'node:fs';
import { loadConfig } from '@hotline/contracts';
import { createPool } from '@hotline/db';
import { parseCliArgs, USAGE, type CliRequest } from '../features/what-if/cli-args.js';
import { renderWhatIf } from '../features/what-if/table.js';
import { createWhatIfService, type WhatIfService } from '../features/what-if/what-if-service.js';

// npm run what-if -- --day YYYY-MM-DD [changes] [--validate]: a recorded day replayed with changed
// rules or staffing, beside its recorded figures (options: features/what-if/cli-args.ts).

async function main(cli: CliRequest, service: WhatIfService): Promise<number> {
  if (cli.exportTo !== undefined) {
    const day = await service.recordedDay(cli.request);
    writeFileSync(cli.exportTo, `${JSON.stringify(day)}\n`);
    console.error(`[what-if] ${day.calls.length} calls and ${day.intervals.length} agent state intervals written to ${cli.exportTo}`);
    return 0;
  }
  const answer = await service.run(cli.request, Date.now());
  console.log(cli.json ? JSON.stringify(answer, null, 2) : renderWhatIf(answer));
  return cli.validate && !answer.validation.withinTolerance ? 1 : 0;
}

let cli: CliRequest;
try {
  cli = parseCliArgs(process.argv.slice(2));
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}
const pool = createPool(loadConfig().postgres, 2);
try {
  process.exitCode = await main(cli, createWhatIfService(pool));
} catch (error) {
  console.error(`[what-if] ${(error as Error).message}`);
  process.exitCode = 2;
} finally {
  await pool.end();
}
