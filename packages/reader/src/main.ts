import { readEnv, runJob, toSharedConfig } from '@rollcall/shared';
import { listText, parseCommand, USAGE_TEXT } from './command.ts';
import { runReports } from './run-reports.ts';

// The arguments are checked before the configuration, the file system or the database is touched.
await runJob('reader', async ({ log, signal }) => {
  const command = parseCommand(process.argv.slice(2));
  if (command.kind === 'help') return void process.stdout.write(USAGE_TEXT);
  if (command.kind === 'list') return void process.stdout.write(listText());
  const config = toSharedConfig(readEnv(process.env, {}));
  await runReports(config, command.jobs, { log: log.child({ reportsDir: config.reportsDir }), signal });
});
