import { printText, versionText, type Answer } from './command-line.ts';
import { runJob, type JobContext } from './run-job.ts';

export interface CommandAbout {
  /** The text --help prints. */
  usage: string;
  /** The job's own package.json, for --version. */
  packageJson: URL;
}

/**
 * A job's entry: its command line is parsed first (a mistake is USAGE, exit 2, through the
 * runner like any failure), --help and --version are answered, and only then does `main`
 * run — so `npm run load -- --help` never reads the configuration or opens a connection.
 */
export function runCommand<C>(
  job: string,
  about: CommandAbout,
  parse: (argv: readonly string[]) => Answer | C,
  main: (command: C, ctx: JobContext) => Promise<void>,
): Promise<never> {
  return runJob(job, async (ctx) => {
    const command = parse(process.argv.slice(2));
    if (isAnswer(command)) {
      return printText(command.kind === 'help' ? about.usage : versionText(about.packageJson, { schema: true }));
    }
    await main(command, ctx);
  });
}

function isAnswer(command: unknown): command is Answer {
  const kind = (command as { kind?: unknown } | null)?.kind;
  return kind === 'help' || kind === 'version';
}
