import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fileNameFor, findReport, FORMATS, REPORTS } from './index.ts';

describe('the report registry', () => {
  it('ships five reports, the summary first', () => {
    expect(REPORTS.map((report) => report.name)).toEqual([
      'summary',
      'births_by_country_county',
      'births_by_decade',
      'people_per_place',
      'people_export',
    ]);
  });

  it.each(REPORTS.map((report) => [report.name, report] as const))(
    'keeps %s in reports/<name>.ts under a safe, unique name',
    async (name, report) => {
      expect(name).toMatch(/^[a-z][a-z0-9_]*$/);
      expect(REPORTS.filter((other) => other.name === name)).toHaveLength(1);
      expect(findReport(name)).toBe(report);
      const url = new URL(`./${name}.ts`, import.meta.url);
      expect(existsSync(url)).toBe(true);
      expect(Object.values(await import(url.href))).toContain(report);
    },
  );

  it.each(REPORTS.map((report) => [report.name, report] as const))(
    'gives %s one SELECT, its columns and a plain file name per format',
    (_name, report) => {
      expect(report.sql.trim()).toMatch(/^SELECT\s/i);
      expect(report.sql).not.toContain(';');
      expect(report.sql).toMatch(/ORDER BY/i);
      expect(report.columns.length).toBeGreaterThan(0);
      for (const column of report.columns) expect(report.sql).toContain(` AS ${column}`);
      if (report.shape === 'object') expect(report.columns).toHaveLength(2);
      for (const format of FORMATS) expect(fileNameFor(report, format)).toMatch(/^[a-z][a-z0-9_]*\.(json|csv)$/);
    },
  );

  it('gives every report its own file names', () => {
    const names = REPORTS.flatMap((report) => FORMATS.map((format) => fileNameFor(report, format)));
    expect(new Set(names).size).toBe(names.length);
  });

  it.each(REPORTS.filter((report) => !report.optIn).map((report) => [report.name, report] as const))(
    'reads %s of the default set from people_counts, never from the people table',
    (_name, report) => {
      expect(report.sql).toMatch(/\b(FROM|JOIN)\s+people_counts\b/i);
      expect(report.sql).not.toMatch(/\b(FROM|JOIN)\s+people\b(?!_)/i);
    },
  );
});
