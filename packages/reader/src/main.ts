import { printText, readEnv, runCommand, toSharedConfig } from '@rollcall/shared';
import { listText, parseCommand, USAGE_TEXT } from './command.ts';
import { runReports } from './run-reports.ts';

// The arguments are checked before the configuration, the file system or the database is touched.
await runCommand(
  'reader',
  { usage: USAGE_TEXT, packageJson: new URL('../package.json', import.meta.url) },
  parseCommand,
  async (command, { log, signal }) => {
    if (command.kind === 'list') return printText(listText());
    const config = toSharedConfig(readEnv(process.env, {}));
    await runReports(config, command.jobs, { log: log.child({ reportsDir: config.reportsDir }), signal });
  },
);
