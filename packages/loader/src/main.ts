import { runCommand } from '@rollcall/shared';
import { parseLoaderCommand, USAGE_TEXT } from './command.ts';
import { readLoaderConfig } from './config.ts';
import { runLoad } from './load.ts';

await runCommand(
  'loader',
  { usage: USAGE_TEXT, packageJson: new URL('../package.json', import.meta.url) },
  parseLoaderCommand,
  async (_command, { log, signal }) => {
    await runLoad(readLoaderConfig(process.env), { log, signal });
  },
);
