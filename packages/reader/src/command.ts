import { answerOf, parseOptions, RollcallError, usageError, type Answer } from '@rollcall/shared';
import {
  fileNameFor,
  findReport,
  FORMATS,
  GZIP_SUFFIX,
  REPORTS,
  type Format,
  type ReportDefinition,
} from './reports/index.ts';

/** One file to write: a registered report, a format, and the file name inside REPORTS_DIR. */
export interface ReportJob {
  report: ReportDefinition;
  format: Format;
  fileName: string;
}

export type Command = Answer | { kind: 'list' } | { kind: 'write'; jobs: ReportJob[] };

export const USAGE_TEXT = `Usage: npm run report [-- options]

  (no options)                      write the default set of reports into REPORTS_DIR
  --list                            list the registered reports and their files
  --report NAME [--format json|csv] write one report (format: the report's default, as --list shows)
  --gzip                            write the files gzip-compressed (NAME.csv.gz, ...)
  --help                            show this text
  --version                         show the version and the schema version it expects

Environment: MYSQL_HOST, MYSQL_PORT, MYSQL_USER, MYSQL_PASSWORD or MYSQL_PASSWORD_FILE,
MYSQL_DATABASE, REPORTS_DIR (default reports), DB_WAIT_TIMEOUT_S, LOG_LEVEL.
Exit codes: 0 written, 2 usage or configuration, 3 database unavailable, 7 nothing to report
(run the loader first), 9 schema newer than this reader (use the newer release) or older (run
the loader once), 10 REPORTS_DIR cannot be written, 130/143 interrupted.
`;

/**
 * Turns the command line into what to do, or throws USAGE / UNKNOWN_REPORT. Pure: it runs
 * before the reader reads its configuration, touches the file system or opens a connection,
 * and a name is only ever looked up in the registry, never used as a path.
 */
export function parseCommand(argv: readonly string[]): Command {
  const values = parseOptions(
    argv,
    {
      list: { type: 'boolean' },
      report: { type: 'string', multiple: true },
      format: { type: 'string', multiple: true },
      gzip: { type: 'boolean' },
    },
    HINT,
  );
  const answer = answerOf(values);
  if (answer) return answer;
  if (values.list) {
    if (values.report || values.format || values.gzip) throw usage('--list takes no other option');
    return { kind: 'list' };
  }
  if (values.report === undefined) {
    if (values.format) throw usage('--format needs --report NAME');
    return { kind: 'write', jobs: gzipIf(values.gzip, defaultJobs()) };
  }
  if (values.report.length > 1) throw usage('give --report once');
  if (values.format && values.format.length > 1) throw usage('give --format once');
  const name = values.report[0]!;
  const report = findReport(name);
  if (!report) {
    throw new RollcallError(
      'UNKNOWN_REPORT',
      `Unknown report ${JSON.stringify(name)}; the registered reports are: ${REPORTS.map((r) => r.name).join(', ')}`,
      { report: name },
    );
  }
  // The report's own default, the one --list marks: people_export alone is its CSV.
  const format = values.format?.[0] ?? report.defaultFormat;
  if (!isFormat(format)) throw usage(`--format must be one of ${FORMATS.join(', ')}, not ${JSON.stringify(format)}`);
  return { kind: 'write', jobs: gzipIf(values.gzip, [jobFor(report, format)]) };
}

/** `--gzip`: the same files, compressed, under the name with `.gz` added (see write-report.ts). */
function gzipIf(gzip: boolean | undefined, jobs: ReportJob[]): ReportJob[] {
  return gzip ? jobs.map((job) => ({ ...job, fileName: `${job.fileName}${GZIP_SUFFIX}` })) : jobs;
}

/** One report in one format, to the registry's file name for it. */
export function jobFor(report: ReportDefinition, format: Format = report.defaultFormat): ReportJob {
  return { report, format, fileName: fileNameFor(report, format) };
}

/**
 * The default set: every registered report that is not opt-in, once, in its default format.
 * Their sizes depend on places, countries or decades, not on people, so a plain run stays
 * small and quick however many people were loaded.
 */
export function defaultJobs(): ReportJob[] {
  return REPORTS.filter((report) => !report.optIn).map((report) => jobFor(report));
}

/** The `--list` text: one line per report, its default file first. */
export function listText(): string {
  const width = Math.max(...REPORTS.map((r) => r.name.length));
  const lines = REPORTS.map((r) => {
    const files = FORMATS.map((f) => (f === r.defaultFormat ? `${fileNameFor(r, f)} (default)` : fileNameFor(r, f)));
    const optIn = r.optIn
      ? `\n${' '.repeat(width)}  opt-in: not in the default set; written only by --report ${r.name}`
      : '';
    return `${r.name.padEnd(width)}  ${r.description}\n${' '.repeat(width)}  files: ${files.join(', ')}${optIn}`;
  });
  return `${lines.join('\n')}\n`;
}

/** The `--version` text. */

function isFormat(value: string): value is Format {
  return (FORMATS as readonly string[]).includes(value);
}

const HINT = 'npm run report -- --help shows the usage';

function usage(problem: string): RollcallError {
  return usageError(problem, HINT);
}
