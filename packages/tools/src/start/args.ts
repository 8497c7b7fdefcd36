import { answerOf, type Answer } from '@rollcall/shared';
import { parseOptions } from '../cli-args.ts';

export const USAGE = `Usage: npm start [-- --help | --version]

Runs the loader, then the reader, and prints the summary. With MYSQL_HOST set it uses that
server (MYSQL_* as for npm run load); without it, a throwaway database started for this run
from the machine's MariaDB/MySQL binaries or a Docker engine, removed at the end (also on
Ctrl-C). It takes no arguments of its own.

  --help      print this text
  --version   print the version`;

/** npm start takes no arguments: anything but --help or --version is a USAGE error. */
export function parseStartArgs(argv: readonly string[]): Answer | { kind: 'run'; options: undefined } {
  return answerOf(parseOptions(argv, {})) ?? { kind: 'run', options: undefined };
}
