import { EXIT_CODES, isRollcallError, versionText, type Answer } from '@rollcall/shared';

/**
 * The prologue of a developer tool's main: parse the command line, or print the usage and
 * exit (2 on a USAGE error, 0 for --help and --version), before any configuration is read.
 */
export function optionsOrExit<Options>(
  tool: string,
  usage: string,
  parse: () => Answer | { kind: 'run'; options: Options },
): Options {
  let parsed: Answer | { kind: 'run'; options: Options };
  try {
    parsed = parse();
  } catch (err) {
    if (!isRollcallError(err, 'USAGE')) throw err;
    process.stderr.write(`${tool}: ${err.message}\n\n${usage}\n`);
    process.exit(EXIT_CODES.USAGE);
  }
  if (parsed.kind === 'help') {
    process.stdout.write(`${usage}\n`);
    process.exit(EXIT_CODES.OK);
  }
  if (parsed.kind === 'version') {
    // The tools are not tied to a schema of their own: the package version alone.
    process.stdout.write(versionText(new URL('../package.json', import.meta.url), { schema: false }));
    process.exit(EXIT_CODES.OK);
  }
  return parsed.options;
}
