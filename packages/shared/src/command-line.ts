import { readFileSync } from 'node:fs';
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import { RollcallError } from './errors.ts';
import { SCHEMA_VERSION } from './schema/index.ts';

/** What every command answers before doing anything else. */
export type Answer = { kind: 'help' } | { kind: 'version' };

const STANDARD_OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
} as const satisfies ParseArgsOptionsConfig;

/**
 * A command's options, named only (no positionals, no unknown flags), plus --help and
 * --version, which every command answers. Every mistake is a USAGE error (exit 2) naming
 * the option, followed by `hint` (where to find the usage). Pure: it runs before any
 * configuration, file or database is touched.
 */
export function parseOptions<O extends ParseArgsOptionsConfig>(argv: readonly string[], options: O, hint: string) {
  try {
    return parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: { ...options, ...STANDARD_OPTIONS },
    }).values;
  } catch (err) {
    throw usageError((err as Error).message, hint);
  }
}

/** --help or --version, when given (--help wins); undefined when the command should run. */
export function answerOf(values: { help?: boolean | undefined; version?: boolean | undefined }): Answer | undefined {
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };
  return undefined;
}

export function usageError(problem: string, hint: string): RollcallError {
  return new RollcallError('USAGE', hint === '' ? problem : `${problem} (${hint})`);
}

/**
 * The `--version` line: the package's name and version from its package.json and, for the
 * jobs, the schema version they expect. `packageJson` is the package's own file, found
 * next to its src/ (and dist/) folder, so the line is right in the repo and in the images.
 */
export function versionText(packageJson: URL, { schema }: { schema: boolean }): string {
  const { name, version } = JSON.parse(readFileSync(packageJson, 'utf8')) as { name: string; version: string };
  return `${name} ${version}${schema ? ` (schema version ${SCHEMA_VERSION})` : ''}\n`;
}

/** Resolves once the text is handed over: a job exits right after, and pipes can be asynchronous. */
export function printText(text: string): Promise<void> {
  return new Promise((resolve, reject) => process.stdout.write(text, (err) => (err ? reject(err) : resolve())));
}
