/** The two file formats every report can be written in. */
export const FORMATS = ['json', 'csv'] as const;
export type Format = (typeof FORMATS)[number];

/**
 * One named report: everything the reader needs to know about it. The core (run-reports.ts,
 * write-report.ts) never names a report; adding one means adding a file next to this one
 * and one line in index.ts.
 */
export interface ReportDefinition {
  /** The CLI name (`--report NAME`): lower-case letters, digits and '_'; also the file stem. */
  readonly name: string;
  /** One line for `--list` and the README. */
  readonly description: string;
  /**
   * One SELECT; its column aliases are `columns`, in that order, and its ORDER BY makes the
   * output deterministic. It runs inside a read-only snapshot, so it can only read.
   */
  readonly sql: string;
  readonly columns: readonly string[];
  /**
   * How the rows become JSON: 'rows' writes an array of objects (one per row); 'object'
   * writes one object mapping columns[0] to columns[1] (the summary's public shape).
   * CSV is always one record per row under a header of `columns`.
   */
  readonly shape: 'rows' | 'object';
  /** The format written by the default set (`npm run report` with no arguments), or by `--report NAME` alone. */
  readonly defaultFormat: Format;
  /**
   * Written only when asked for by name (`--report NAME`), never by the default set: a report
   * whose size grows with the people table (the full export: 644 MB and a minute at 10M
   * people) would make every plain run pay for a copy of the whole table.
   */
  readonly optIn?: boolean;
  /**
   * A quick count of the rows the report will write, as `rows`: lets a long report say its
   * percent and time left. Only for reports long enough to need it; the others say rows and
   * rows/s only.
   */
  readonly countSql?: string;
  /** File names inside REPORTS_DIR, per format, where they differ from `<name>.<format>`. */
  readonly fileNames?: Partial<Record<Format, string>>;
}

/** The file a report is written to, inside REPORTS_DIR: only ever a name from the registry. */
export function fileNameFor(report: ReportDefinition, format: Format): string {
  return report.fileNames?.[format] ?? `${report.name}.${format}`;
}

/** A report file whose name ends so is written gzip-compressed (RFC 1952), whatever its format. */
export const GZIP_SUFFIX = '.gz';
