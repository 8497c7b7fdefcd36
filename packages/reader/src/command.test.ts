import { describe, expect, it } from 'vitest';
import { isRollcallError } from '@rollcall/shared';
import { defaultJobs, listText, parseCommand } from './command.ts';
import { REPORTS } from './reports/index.ts';

function errorCode(argv: string[]): string {
  try {
    parseCommand(argv);
  } catch (err) {
    if (isRollcallError(err)) return err.code;
    throw err;
  }
  throw new Error(`expected ${JSON.stringify(argv)} to be refused`);
}

describe('the reader command line', () => {
  it('writes the default set when given no arguments', () => {
    const command = parseCommand([]);
    expect(command).toEqual({ kind: 'write', jobs: defaultJobs() });
  });

  it('writes the summary to summary_output.json and every aggregate to <name>.<default format> by default', () => {
    const files = defaultJobs().map((job) => job.fileName);
    expect(files).toEqual([
      'summary_output.json',
      'births_by_country_county.json',
      'births_by_decade.json',
      'people_per_place.json',
    ]);
  });

  it('leaves the people export out of the default set and writes it only when asked for by name', () => {
    expect(defaultJobs().map((job) => job.report.name)).toEqual(
      REPORTS.filter((report) => report.name !== 'people_export').map((report) => report.name),
    );
    const command = parseCommand(['--report', 'people_export']);
    expect(command.kind === 'write' && command.jobs.map((job) => job.report.name)).toEqual(['people_export']);
  });

  it.each([
    [['--report', 'summary'], 'summary', 'json', 'summary_output.json'],
    [['--report', 'people_export'], 'people_export', 'csv', 'people_export.csv'],
    [['--report', 'summary', '--format', 'csv'], 'summary', 'csv', 'summary.csv'],
    [['--report=people_export', '--format=json'], 'people_export', 'json', 'people_export.json'],
    [['--format', 'csv', '--report', 'births_by_decade'], 'births_by_decade', 'csv', 'births_by_decade.csv'],
  ])('writes one report for %j', (argv, name, format, fileName) => {
    const command = parseCommand(argv);
    expect(command.kind).toBe('write');
    if (command.kind !== 'write') return;
    expect(command.jobs.map((job) => [job.report.name, job.format, job.fileName])).toEqual([[name, format, fileName]]);
  });

  it.each([
    [['--report', 'people_export', '--format', 'csv', '--gzip'], ['people_export.csv.gz']],
    [['--gzip', '--report', 'summary'], ['summary_output.json.gz']],
    [['--gzip'], defaultJobs().map((job) => `${job.fileName}.gz`)],
  ])('writes gzip-compressed files under the name with .gz added for %j', (argv, files) => {
    const command = parseCommand(argv);
    expect(command.kind === 'write' && command.jobs.map((job) => job.fileName)).toEqual(files);
  });

  it('lists, helps and tells its version without writing', () => {
    expect(parseCommand(['--list'])).toEqual({ kind: 'list' });
    expect(parseCommand(['--help'])).toEqual({ kind: 'help' });
    expect(parseCommand(['-h'])).toEqual({ kind: 'help' });
    expect(parseCommand(['--version'])).toEqual({ kind: 'version' });
  });

  it('answers --version, whatever else is given', () => {
    expect(parseCommand(['--version'])).toEqual({ kind: 'version' });
    expect(parseCommand(['--report', 'summary', '--version'])).toEqual({ kind: 'version' });
  });

  it.each([
    ['../../etc/passwd'],
    ['/etc/passwd'],
    ['summary/../../x'],
    ['SUMMARY'],
    ['summary_output'],
    ['__proto__'],
    ['constructor'],
    [''],
  ])('refuses the unregistered report name %j as UNKNOWN_REPORT', (name) => {
    expect(errorCode(['--report', name])).toBe('UNKNOWN_REPORT');
  });

  it.each([
    [['--bogus']],
    [['summary']],
    [['--report']],
    [['--report', 'summary', '--format', 'xml']],
    [['--report', 'summary', '--format', 'JSON']],
    [['--format', 'csv']],
    [['--list', '--report', 'summary']],
    [['--report', 'summary', '--report', 'births_by_decade']],
    [['--report', 'summary', '--format', 'csv', '--format', 'json']],
    [['--list=yes']],
    [['--list', '--gzip']],
    [['--gzip=yes']],
  ])('refuses %j as USAGE', (argv) => {
    expect(errorCode(argv)).toBe('USAGE');
  });

  it('lists every registered report with its description and files', () => {
    const text = listText();
    for (const report of REPORTS) {
      expect(text).toContain(report.name);
      expect(text).toContain(report.description);
    }
    expect(text).toContain('summary_output.json (default)');
  });

  it('writes, for --report NAME alone, the file --list marks as the default, for every report', () => {
    for (const report of REPORTS) {
      const command = parseCommand(['--report', report.name]);
      if (command.kind !== 'write') throw new Error('expected a write command');
      const [job] = command.jobs;
      expect(listText()).toContain(`${job!.fileName} (default)`);
      expect(job!.format).toBe(report.defaultFormat);
    }
  });

  it('marks the opt-in export as such in the list, and no other report', () => {
    const marked = listText()
      .split('\n')
      .filter((line) => line.includes('opt-in'));
    expect(marked).toEqual([expect.stringContaining('written only by --report people_export')]);
  });
});
