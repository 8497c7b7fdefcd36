import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { beforeEach, describe, expect, it } from 'vitest';
import { EXIT_CODES, exitCodeFor } from '@rollcall/shared';
import { useTestDatabase, LOADER_MAIN, runJob } from '@rollcall/testkit';
import { MAX_RECORD_BYTES } from './csv-source.ts';
import { hex, loadFailsWith, loadInto, PEOPLE_CSV, PLACES_CSV, snapshotTables } from './testing/datasets.ts';
import { leftoverTables } from './testing/interrupted-load.ts';
import { datasetsRemovedAfterAll } from './testing/temp-datasets.ts';

const tempDataset = datasetsRemovedAfterAll();

const PEOPLE_HEADER = 'given_name,family_name,date_of_birth,place_of_birth';

/** `size` bytes that look random but are the same on every run (sha256 in counter mode). */
function noise(size: number, seed: string): Buffer {
  const blocks: Buffer[] = [];
  for (let i = 0; i * 32 < size; i++) blocks.push(createHash('sha256').update(`${seed}:${i}`).digest());
  return Buffer.concat(blocks).subarray(0, size);
}

describe('hostile input', () => {
  const t = useTestDatabase('hostile');
  let before: Awaited<ReturnType<typeof snapshotTables>>;
  // Each test starts from the same previous dataset.
  beforeEach(async () => {
    await loadInto(t, tempDataset(PLACES_CSV, PEOPLE_CSV));
    before = await snapshotTables(t.db);
  });

  async function expectPreviousDataKept() {
    expect(await snapshotTables(t.db)).toEqual(before);
    expect(await leftoverTables(t.db)).toEqual([]);
  }

  function rejectRows(reports: string, file: string): string[][] {
    return parse(readFileSync(join(reports, 'rejects', `${file}.rejects.csv`)), {
      relax_column_count: true,
      bom: false,
      encoding: 'latin1',
    });
  }

  describe.each(['infile', 'insert'])('with LOAD_METHOD=%s', (method) => {
    it('stores SQL, LOAD DATA escapes and CSV quoting in every field literally, byte for byte', async () => {
      const city = "Robert'); DROP TABLE people;--";
      const county = '\\N';
      const country = 'tab\there, NULL, back\\slash\\';
      const people = [
        ["'; DELETE FROM places; --", 'O\'Brien" OR 1=1 #', city],
        ['\\0\\n\\t\\\\', '`people`; SELECT SLEEP(5)', city],
        ['?? ? :name $1 %s %_', 'x"); TRUNCATE load_runs; --\nline two', 'Kelso'],
        ['NULL', '\\N', 'Kelso'],
      ];
      const csv = (fields: string[]) => fields.map((field) => `"${field.replaceAll('"', '""')}"`).join(',');
      const places = `city,county,country\n${csv([city, county, country])}\nKelso,Roxburghshire,Scotland\n`;
      const peopleCsv = [
        PEOPLE_HEADER,
        ...people.map(([given, family, place]) => csv([given!, family!, '1900-01-01', place!])),
      ].join('\n');

      const summary = await loadInto(t, tempDataset(places, peopleCsv), { LOAD_METHOD: method });
      expect(summary.people).toMatchObject({ read: 4, loaded: 4, rejected: 0 });
      const after = await snapshotTables(t.db);
      expect(after.places).toEqual([
        { id: 1, city: hex(city), county: hex(county), country: hex(country) },
        { id: 2, city: hex('Kelso'), county: hex('Roxburghshire'), country: hex('Scotland') },
      ]);
      expect(after.people).toEqual(
        people.map(([given, family, place], i) => ({
          id: i + 1,
          g: hex(given!),
          f: hex(family!),
          d: '1900-01-01',
          p: place === city ? 1 : 2,
        })),
      );
      const [[counts]] = await t.db.raw(
        'SELECT (SELECT COUNT(*) FROM places) AS places, (SELECT COUNT(*) FROM load_runs) AS runs',
      );
      expect(counts.places).toBe(2);
      expect(counts.runs).toBeGreaterThan(1);
    });
  });

  it('stops on a 5 MB line with BAD_CSV naming its line, and keeps the previous data', async () => {
    const people = [
      PEOPLE_HEADER,
      'A,B,2000-01-01,Kelso',
      'C,D,2000-01-01,Kelso',
      `E,${'x'.repeat(5 << 20)},2000-01-01,Kelso`,
      'F,G,2000-01-01,Kelso',
    ].join('\n');
    const err = await loadFailsWith(t, tempDataset(PLACES_CSV, people), 'BAD_CSV');
    expect(err.context).toMatchObject({ file: 'people.csv', line: 4 });
    expect(err.message).toBe(
      `people.csv line 4: a record longer than ${MAX_RECORD_BYTES} bytes; expected CSV rows (is this a binary file, or a quote left open?)`,
    );
    expect(exitCodeFor(err)).toBe(EXIT_CODES.BAD_CSV);
    await expectPreviousDataKept();
  });

  it('stops on a quoted field of 5 MB across many lines with BAD_CSV naming the line it starts on', async () => {
    const people = [
      PEOPLE_HEADER,
      'A,B,2000-01-01,Kelso',
      `C,"${'many\nlines '.repeat(500_000)}",2000-01-01,Kelso`,
    ].join('\n');
    const err = await loadFailsWith(t, tempDataset(PLACES_CSV, people), 'BAD_CSV');
    expect(err.context).toMatchObject({ file: 'people.csv', line: 3 });
    await expectPreviousDataKept();
  });

  // The rows before the broken record (over 3 MB) are already streaming to the server in
  // an unfinished LOAD DATA statement: it must be ended for the rollback to run at all.
  it('stops on a quote left open after megabytes of rows already sent, with BAD_CSV, and keeps the previous data', async () => {
    const rows = Array.from({ length: 120_000 }, (_, i) => `Given${i},Family${i},2000-01-01,Kelso`);
    const people = [PEOPLE_HEADER, ...rows, 'Ann,"Smith,2000-01-01,Kelso', 'Bob,Gray,2000-01-01,Kelso'].join('\n');
    const err = await loadFailsWith(t, tempDataset(PLACES_CSV, people), 'BAD_CSV');
    expect(err.context).toMatchObject({ file: 'people.csv', line: 120_002 });
    await expectPreviousDataKept();
  });

  it('rejects a field of 900 KB (under the record cap) as TOO_LONG at its line and loads the rest', async () => {
    const people = [
      PEOPLE_HEADER,
      'A,B,2000-01-01,Kelso',
      `C,${'é'.repeat(450_000)},2000-01-01,Kelso`,
      'E,F,2000-01-01,Kelso',
    ].join('\n');
    const data = tempDataset(PLACES_CSV, people);
    const summary = await loadInto(t, data, { MAX_REJECT_RATIO: '1' });
    expect(summary.people).toMatchObject({ read: 3, loaded: 2, rejected: 1 });
    const rows = rejectRows(data.reports, 'people.csv');
    expect(rows.slice(1).map(([line, code, reason]) => [line, code, reason])).toEqual([
      ['3', 'TOO_LONG', 'family_name is 450000 characters, longer than 100'],
    ]);
  });

  it('rejects NUL bytes as CONTROL_CHAR at their physical lines, quoted or not, keeping the bytes in the reject file', async () => {
    const places = `${PLACES_CSV}\nNul\0City,County,Country`; // line 7
    const people = [
      PEOPLE_HEADER,
      'A,B,2000-01-01,Kelso', // 2
      'Nul\0,B,2000-01-01,Kelso', // 3
      '"Two\nlines",B,2000-01-01,Kelso', // 4-5
      'C,"quoted\0nul",2000-01-01,Kelso', // 6
      '\0\0\0,\0,\0,\0', // 7
      'D,E,2000-01-01,Kelso', // 8
    ].join('\n');
    const data = tempDataset(places, people);
    const summary = await loadInto(t, data, { MAX_REJECT_RATIO: '1' });
    expect(summary.places).toMatchObject({ read: 6, loaded: 5, rejected: 1 });
    expect(summary.people).toMatchObject({ read: 6, loaded: 3, rejected: 3 });
    expect(
      rejectRows(data.reports, 'places.csv')
        .slice(1)
        .map((row) => row.slice(0, 3)),
    ).toEqual([['7', 'CONTROL_CHAR', 'city contains control character U+0000']]);
    const rows = rejectRows(data.reports, 'people.csv').slice(1);
    expect(rows.map(([line, code]) => [line, code])).toEqual([
      ['3', 'CONTROL_CHAR'],
      ['6', 'CONTROL_CHAR'],
      ['7', 'CONTROL_CHAR'],
    ]);
    expect(rows[0]!.slice(3)).toEqual(['Nul\0', 'B', '2000-01-01', 'Kelso']);
  });

  // A binary file given as CSV must fail as bad input (exit 4) — never load, never crash.
  it.each([
    ['random bytes', () => noise(256 << 10, 'people')],
    ['a gzip of a valid people.csv', () => gzipSync(PEOPLE_CSV)],
    ['CR-only line ends', () => Buffer.from(`${PEOPLE_CSV.replaceAll('\r\n', '\r')}\r`.repeat(2000))],
    ['a 600 KB first line with commas', () => Buffer.from(`${'column,'.repeat(90_000)}x\nA,B,2000-01-01,Kelso\n`)],
    [
      '3 MB without a line end',
      () =>
        Buffer.from(
          noise(3 << 20, 'one line').map((byte) => (byte === 0x0a || byte === 0x0d || byte === 0x22 ? 0x41 : byte)),
        ),
    ],
  ])('exits 4 with a clear message on %s given as people.csv, keeping the previous data', async (_what, content) => {
    const data = tempDataset(PLACES_CSV, content());
    const result = await runJob(LOADER_MAIN, { ...t.env, DATA_DIR: data.dir, REPORTS_DIR: data.reports });
    expect(result.code).toBe(4);
    const error = result.lines.at(-1)!;
    expect(['BAD_HEADER', 'BAD_CSV']).toContain(error.code);
    expect(error).toMatchObject({ level: 50, file: 'people.csv', line: expect.any(Number) });
    expect(error.msg).toMatch(/^people\.csv line \d+: /);
    expect(error.msg.length).toBeLessThan(600);
    await expectPreviousDataKept();
    const run = await t.db('load_runs').orderBy('id', 'desc').first();
    expect(run).toMatchObject({ status: 'failed', message: error.msg });
  });

  it('refuses UTF-16 text given as people.csv at start, naming it, recording no run and keeping the previous data', async () => {
    const runs = await t.db('load_runs').count({ n: '*' });
    const data = tempDataset(
      PLACES_CSV,
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(PEOPLE_CSV, 'utf16le')]),
    );
    const result = await runJob(LOADER_MAIN, { ...t.env, DATA_DIR: data.dir, REPORTS_DIR: data.reports });
    expect(result.code).toBe(4);
    expect(result.lines.at(-1)).toMatchObject({ code: 'INPUT_ENCODING', file: 'people.csv', encoding: 'UTF-16LE' });
    expect(result.lines.at(-1)!.msg).toMatch(/^people\.csv: the file is UTF-16LE, expected UTF-8; convert it to UTF-8/);
    await expectPreviousDataKept();
    expect(await t.db('load_runs').count({ n: '*' })).toEqual(runs);
  });
});
