import { EXIT_CODES, isRollcallError } from '@rollcall/shared';

/**
 * The prologue of a developer tool's main: parse the command line, or print the usage and
 * exit (2 on a USAGE error, 0 for --help), before any configuration is read.
 */
export function optionsOrExit<Options>(
  tool: string,
  usage: string,
  parse: () => { help: true } | { help: false; options: Options },
): Options {
  let parsed: { help: true } | { help: false; options: Options };
  try {
    parsed = parse();
  } catch (err) {
    if (!isRollcallError(err, 'USAGE')) throw err;
    process.stderr.write(`${tool}: ${err.message}\n\n${usage}\n`);
    process.exit(EXIT_CODES.USAGE);
  }
  if (parsed.help) {
    process.stdout.write(`${usage}\n`);
    process.exit(EXIT_CODES.OK);
  }
  return parsed.options;
}
