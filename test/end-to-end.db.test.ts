import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase, LOADER_MAIN, READER_MAIN, runJob } from '@rollcall/testkit';
import { generate, type Manifest } from '@rollcall/tools/generate';

/** The reject code each kind of generated bad row must get. */
const CODE_OF_KIND: Record<string, string> = {
  'empty-field': 'EMPTY_FIELD',
  'bad-date-format': 'BAD_DATE',
  'impossible-date': 'BAD_DATE',
  'unknown-place': 'UNKNOWN_PLACE',
  'field-count': 'FIELD_COUNT',
  'invalid-utf8': 'INVALID_UTF8',
  'too-long': 'TOO_LONG',
  'control-char': 'CONTROL_CHAR',
  'conflicting-place': 'PLACE_CONFLICT',
};

describe('generate, load, report: the whole job on generated data', () => {
  const t = useTestDatabase('e2e');
  let manifest: Manifest;
  const dir = mkdtempSync(join(tmpdir(), 'rollcall-e2e-'));
  const data = join(dir, 'data');
  const reports = join(dir, 'reports');

  beforeAll(async () => {
    manifest = await generate({
      out: data,
      people: 20_000,
      seed: 42,
      places: 244,
      badFraction: 0.004,
      bad: { 'duplicate-place': 0.02, 'conflicting-place': 0.01 },
      crlf: true,
      bom: true,
    });
  });

  function expectedRejects(bad: Record<string, { lines: number[] }>): Array<[number, string]> {
    return Object.entries(bad)
      .filter(([kind]) => kind in CODE_OF_KIND)
      .flatMap(([kind, { lines }]) => lines.map((line): [number, string] => [line, CODE_OF_KIND[kind]!]))
      .sort((a, b) => a[0] - b[0]);
  }

  function rejects(file: string): Array<[number, string]> {
    const rows: string[][] = parse(readFileSync(join(reports, 'rejects', `${file}.rejects.csv`)), {
      relax_column_count: true,
    });
    return rows.slice(1).map(([line, code]) => [Number(line), code!]);
  }

  it('loads exactly what the manifest expects, rejecting each bad row at its line with its code', async () => {
    const env = { ...t.env, DATA_DIR: data, REPORTS_DIR: reports, MAX_REJECT_RATIO: '0.05' };
    const load = await runJob(LOADER_MAIN, env);
    expect(load.code).toBe(0);
    expect(rejects('people.csv')).toEqual(expectedRejects(manifest.people.bad));
    expect(rejects('places.csv')).toEqual(expectedRejects(manifest.places.bad));
    const run = await t.db('load_runs').orderBy('id', 'desc').first();
    expect(run).toMatchObject({
      status: 'succeeded',
      places_loaded: manifest.expected.places.loaded,
      places_duplicates: manifest.expected.places.duplicates,
      places_rejected: manifest.expected.places.rejected,
      people_loaded: manifest.expected.people.loaded,
      people_rejected: manifest.expected.people.rejected,
      people_sha256: manifest.people.sha256,
      places_sha256: manifest.places.sha256,
    });
  });

  it('then reports the summary the manifest expects, byte for byte', async () => {
    const report = await runJob(READER_MAIN, { ...t.env, REPORTS_DIR: reports });
    expect(report.code).toBe(0);
    expect(readFileSync(join(reports, 'summary_output.json'), 'utf8')).toBe(JSON.stringify(manifest.expected.summary));
  });
});
