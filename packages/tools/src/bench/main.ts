import { join } from 'node:path';
import { EXIT_CODES, readEnv, runJob, toSharedConfig } from '@rollcall/shared';
import { optionsOrExit } from '../cli.ts';
import { USAGE, parseBenchArgs } from './args.ts';
import { writeBenchReport } from './bench-report.ts';
import { REPO_ROOT } from './context.ts';
import { formatAccounts } from './format-account.ts';
import { formatTable } from './format-table.ts';
import { runBench } from './run-bench.ts';

// npm run bench -- --rows N [...]: see USAGE in args.ts.
const options = optionsOrExit('bench', USAGE, () => parseBenchArgs(process.argv.slice(2)));

await runJob('bench', async ({ log, signal }) => {
  const { db: config } = toSharedConfig(readEnv(process.env, {}));
  const report = await runBench(options, { config, env: process.env }, { log, signal });
  const files = await writeBenchReport(report, options.out ?? join(REPO_ROOT, 'reports/bench'));
  const accounts = formatAccounts(report.results, report.serverCpu);
  process.stdout.write(`\n${formatTable(report.results)}\n\n${accounts ? `${accounts}\n\n` : ''}`);
  log.info({ files }, 'benchmark written');
  const failed = report.results.filter((result) => result.status === 'failed');
  if (failed.length > 0) {
    log.error({ failed: failed.map((result) => result.name) }, 'some steps failed; see their notes');
    // The table is written either way; the exit code tells a script the run is incomplete.
    process.exit(EXIT_CODES.INTERNAL);
  }
});
