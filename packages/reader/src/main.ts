import { readEnv, runJob, toSharedConfig } from '@rollcall/shared';
import { listText, parseCommand, USAGE_TEXT, VERSION_TEXT } from './command.ts';
import { runReports } from './run-reports.ts';

// The arguments are checked before the configuration, the file system or the database is touched.
await runJob('reader', async ({ log, signal }) => {
  const command = parseCommand(process.argv.slice(2));
  if (command.kind === 'help') return print(USAGE_TEXT);
  if (command.kind === 'version') return print(VERSION_TEXT);
  if (command.kind === 'list') return print(listText());
  const config = toSharedConfig(readEnv(process.env, {}));
  await runReports(config, command.jobs, { log: log.child({ reportsDir: config.reportsDir }), signal });
});

/** Resolves once the text is handed over: runJob exits right after, and pipes can be asynchronous. */
function print(text: string): Promise<void> {
  return new Promise((resolve, reject) => process.stdout.write(text, (err) => (err ? reject(err) : resolve())));
}
