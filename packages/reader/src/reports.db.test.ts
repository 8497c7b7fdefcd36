import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Knex } from '@rollcall/shared';
import { useTestDatabase } from '@rollcall/testkit';
import type { ReportJob } from './command.ts';
import { fileNameFor, FORMATS, REPORTS, type ReportDefinition } from './reports/index.ts';
import { runReports } from './run-reports.ts';
import { loadFixture, readerConfig, silentLog, type FixturePerson } from './testing/fixture.ts';

type Row = Record<string, unknown>;

// Every CSV quirk in the values: commas, quotes, CR/LF, leading spaces, 4-byte characters.
const places = [
  { city: 'Kelso', county: 'Roxburghshire', country: 'Scotland' },
  { city: 'Hawick, Old Town', county: 'Roxburghshire', country: 'Scotland' },
  { city: 'Newry', county: 'Down', country: 'Northern Ireland' },
  { city: 'Downpatrick', county: 'Down', country: 'Scotland' }, // the same county name in two countries
  { city: '"Quoted"', county: 'Line\nBreak', country: 'Ελλάδα 😀' },
  { city: 'Empty Town', county: 'Nobody', country: 'Atlantis' }, // nobody born here
];
const people: FixturePerson[] = [
  { given_name: 'John', family_name: 'Williams', date_of_birth: '1842-09-30', city: 'Kelso' },
  { given_name: 'Grace', family_name: "O'Neill, Jr", date_of_birth: '1899-12-31', city: 'Kelso' },
  { given_name: 'Séamus', family_name: 'Ó Briain', date_of_birth: '1900-01-01', city: 'Newry' },
  { given_name: ' Ann', family_name: 'Say "hi"', date_of_birth: '1909-06-15', city: 'Hawick, Old Town' },
  { given_name: '𝔊𐍈', family_name: 'CR\rLF\r\n', date_of_birth: '1000-01-01', city: '"Quoted"' },
  { given_name: 'Zoë', family_name: 'Smith', date_of_birth: '9999-12-31', city: 'Downpatrick' },
  { given_name: 'Ian', family_name: 'Kerr', date_of_birth: '1842-01-01', city: 'Kelso' },
];

/** Each report computed a second, naive way: a plain join and GROUP BY, the obvious SQL. */
const TRUTHS: Record<string, (db: Knex) => Promise<Row[]>> = {
  summary: (db) =>
    db('people as p')
      .join('places as pl', 'pl.id', 'p.place_id')
      .select('pl.country')
      .count('* as people')
      .groupBy('pl.country')
      .orderBy([{ column: 'people', order: 'desc' }, { column: 'pl.country' }]),
  births_by_country_county: (db) =>
    db('people as p')
      .join('places as pl', 'pl.id', 'p.place_id')
      .select('pl.country', 'pl.county')
      .count('* as people')
      .groupBy('pl.country', 'pl.county')
      .orderBy(['pl.country', 'pl.county']),
  births_by_decade: (db) =>
    db('people')
      .select(db.raw('CAST(FLOOR(YEAR(date_of_birth) / 10) * 10 AS SIGNED) AS decade'))
      .count('* as people')
      .groupBy('decade')
      .orderBy('decade'),
  people_per_place: (db) =>
    db('places as pl')
      .leftJoin('people as p', 'p.place_id', 'pl.id')
      .select({ place_id: 'pl.id' }, 'pl.city', 'pl.county', 'pl.country')
      .count('p.id as people')
      .groupBy('pl.id', 'pl.city', 'pl.county', 'pl.country')
      .orderBy('pl.id'),
  people_export: (db) =>
    db('people as p')
      .join('places as pl', 'pl.id', 'p.place_id')
      .select('p.id', 'p.given_name', 'p.family_name', 'p.date_of_birth', 'pl.city', 'pl.county', 'pl.country')
      .orderBy('p.id'),
};

const plain = (rows: unknown[]): Row[] => JSON.parse(JSON.stringify(rows)) as Row[];
const asCsvStrings = (rows: Row[]) =>
  rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, String(v)])));

describe('every registered report', () => {
  const t = useTestDatabase('reader_reports');
  let reportsDir: string;
  beforeAll(async () => {
    await loadFixture(t.db, places, people);
    const config = await readerConfig(t);
    reportsDir = config.reportsDir;
    const jobs: ReportJob[] = REPORTS.flatMap((report) =>
      FORMATS.flatMap((format) => [
        { report, format, fileName: fileNameFor(report, format) },
        { report, format, fileName: `${fileNameFor(report, format)}.gz` },
      ]),
    );
    await runReports(config, jobs, { log: silentLog });
  });

  const cases = REPORTS.map((report) => [report.name, report] as const);

  async function ownRows(report: ReportDefinition): Promise<Row[]> {
    const [rows] = await t.db.raw(report.sql);
    return plain(rows as unknown[]);
  }

  it.each(cases)('writes %s as JSON equal to its own query, columns in order', async (_name, report) => {
    const rows = await ownRows(report);
    const parsed: unknown = JSON.parse(await readFile(join(reportsDir, fileNameFor(report, 'json')), 'utf8'));
    if (report.shape === 'object') {
      const [key, value] = report.columns as [string, string];
      expect(Object.entries(parsed as object)).toEqual(rows.map((row) => [row[key], row[value]]));
    } else {
      expect(parsed).toEqual(rows);
      for (const row of parsed as Row[]) expect(Object.keys(row)).toEqual(report.columns);
    }
  });

  it.each(cases)('writes %s as RFC 4180 CSV that parses back to its own query, header first', async (_name, report) => {
    const text = await readFile(join(reportsDir, fileNameFor(report, 'csv')), 'utf8');
    const [header] = parse(text, { to_line: 1 }) as string[][];
    expect(header).toEqual(report.columns);
    expect(parse(text, { columns: true })).toEqual(asCsvStrings(await ownRows(report)));
  });

  it.each(Object.entries(TRUTHS))('agrees with the naive SQL for %s', async (name, truth) => {
    const report = REPORTS.find((r) => r.name === name)!;
    const expected = plain(await truth(t.db)).map((row) => ({
      ...row,
      ...('decade' in row ? { decade: Number(row.decade) } : {}),
    }));
    expect(await ownRows(report)).toEqual(expected);
    const text = await readFile(join(reportsDir, fileNameFor(report, 'csv')), 'utf8');
    expect(parse(text, { columns: true })).toEqual(asCsvStrings(expected));
  });

  it('counts places with nobody as 0 and exports every person once', async () => {
    const perPlace = JSON.parse(await readFile(join(reportsDir, 'people_per_place.json'), 'utf8')) as Row[];
    expect(perPlace.find((row) => row.city === 'Empty Town')).toMatchObject({ people: 0 });
    const exported = parse(await readFile(join(reportsDir, 'people_export.csv'), 'utf8'), { columns: true }) as Row[];
    expect(exported).toHaveLength(people.length);
    expect(exported[4]).toEqual({
      id: '5',
      given_name: '𝔊𐍈',
      family_name: 'CR\rLF\r\n',
      date_of_birth: '1000-01-01',
      city: '"Quoted"',
      county: 'Line\nBreak',
      country: 'Ελλάδα 😀',
    });
  });

  it.each(cases)(
    'writes %s gzip-compressed to a .gz name, decompressing to the very bytes of the plain file',
    async (_name, report) => {
      for (const format of FORMATS) {
        const file = join(reportsDir, fileNameFor(report, format));
        const compressed = await readFile(`${file}.gz`);
        expect(compressed.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
        expect(gunzipSync(compressed)).toEqual(await readFile(file));
      }
    },
  );

  it('puts the edges of the date range in their decades', async () => {
    const decades = JSON.parse(await readFile(join(reportsDir, 'births_by_decade.json'), 'utf8')) as Row[];
    expect(decades).toEqual([
      { decade: 1000, people: 1 },
      { decade: 1840, people: 2 },
      { decade: 1890, people: 1 },
      { decade: 1900, people: 2 },
      { decade: 9990, people: 1 },
    ]);
  });
});
