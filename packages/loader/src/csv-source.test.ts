import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { isRollcallError, type RollcallError } from '@rollcall/shared';
import { CsvSource, MAX_RECORD_BYTES, type CsvRecord } from './csv-source.ts';
import { encodeUtf8, fieldText } from './field-text.ts';

const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));
const fixture = (name: string, file = 'people.csv') => join(FIXTURES, name, file);

const scratch = mkdtempSync(join(tmpdir(), 'rollcall-csv-source-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let files = 0;
/** A file in a temporary directory holding exactly these bytes. */
function tempFile(content: string | Buffer, name = 'people.csv'): string {
  const dir = join(scratch, String(++files));
  mkdirSync(dir);
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

async function readAll(path: string): Promise<{ source: CsvSource; batches: CsvRecord[][]; records: CsvRecord[] }> {
  return readRecords(await CsvSource.open(path));
}

async function readRecords(
  source: CsvSource,
): Promise<{ source: CsvSource; batches: CsvRecord[][]; records: CsvRecord[] }> {
  const batches: CsvRecord[][] = [];
  for await (const batch of source.batches()) batches.push(batch);
  return { source, batches, records: batches.flat() };
}

async function csvError(path: string, code: RollcallError['code']): Promise<RollcallError> {
  try {
    await readAll(path);
  } catch (err) {
    if (isRollcallError(err, code)) return err;
    throw err;
  }
  throw new Error(`expected ${code}`);
}

const lines = (records: CsvRecord[]) => records.map((r) => r.line);
const textsIn = (source: CsvSource, record: CsvRecord) => record.fields.map((f) => fieldText(f, source.encoding));
const PEOPLE_HEADER = ['given_name', 'family_name', 'date_of_birth', 'place_of_birth'];

describe('CsvSource', () => {
  it('yields the header alone as the first batch, then the data records with their lines', async () => {
    const { batches, records } = await readAll(fixture('plain'));
    expect(batches[0]).toEqual([{ line: 1, fields: PEOPLE_HEADER }]);
    expect(lines(records)).toEqual([1, 2, 3]);
    expect(records[2]!.fields).toEqual(['Zofia', 'Wąsowska', '1975-12-31', 'Łódź']);
  });

  it('hands the fields of a valid UTF-8 file over as text', async () => {
    const { source, records } = await readAll(fixture('plain'));
    expect(source.encoding).toBe('utf8');
    expect(records[2]!.fields[3]).toBe('Łódź');
  });

  it('hands the fields of a file holding invalid UTF-8 over as byte strings, one char per byte', async () => {
    const { source, records } = await readAll(fixture('invalid-utf8'));
    expect(source.encoding).toBe('latin1');
    expect(records[2]!.fields[0]).toBe('Jos\xe9');
    expect(fieldText(records[2]!.fields[0]!, source.encoding)).toBeUndefined();
  });

  it('hands over byte strings on request, even for a valid UTF-8 file', async () => {
    const source = await CsvSource.open(fixture('plain'), { byteStrings: true });
    const records = [];
    for await (const batch of source.batches()) records.push(...batch);
    expect(source.encoding).toBe('latin1');
    expect(records[2]!.fields[3]).toBe(encodeUtf8('Łódź'));
  });

  it('refuses to go on when the file changed size after it was opened', async () => {
    const path = tempFile('given_name\nAnn\n');
    const source = await CsvSource.open(path);
    writeFileSync(path, 'given_name\nAnn\nBob\n');
    const consume = async () => {
      for await (const _batch of source.batches());
    };
    const err = await consume().catch((e: unknown) => e);
    expect(isRollcallError(err, 'BAD_CSV')).toBe(true);
    expect((err as RollcallError).message).toMatch(
      /people\.csv: the file changed while it was being loaded \(15 bytes when opened, 19 when read\)/,
    );
  });

  it('records the sha256 of the bytes it parsed when the file is edited in place after opening', async () => {
    const path = tempFile('given_name\nAnn\n');
    const source = await CsvSource.open(path);
    writeFileSync(path, 'given_name\nBob\n');
    const { records } = await readRecords(source);
    expect(records[1]!.fields).toEqual(['Bob']);
    expect(source.stats.sha256).toBe(createHash('sha256').update('given_name\nBob\n').digest('hex'));
  });

  it('refuses to go on when a same-size edit after opening left the file no longer valid UTF-8', async () => {
    const path = tempFile('given_name\nZoë\n');
    const source = await CsvSource.open(path);
    writeFileSync(path, Buffer.concat([Buffer.from('given_name\nZo'), Buffer.from([0xff, 0xfe]), Buffer.from('\n')]));
    const err = await readRecords(source).catch((e: unknown) => e);
    expect(isRollcallError(err, 'BAD_CSV')).toBe(true);
    expect((err as RollcallError).message).toMatch(
      /people\.csv: the file changed while it was being loaded \(valid UTF-8 when opened, not when read\)/,
    );
  });

  it('counts physical lines across quoted fields holding LF and CRLF', async () => {
    const { records } = await readAll(fixture('quoted-newline'));
    expect(lines(records)).toEqual([1, 2, 4, 6, 7]);
    expect(records[1]!.fields[1]).toBe('Smith\nJones');
    expect(records[2]!.fields[0]).toBe('Mary\r\nAnn');
    expect(records[3]!.fields).toEqual(['Bob', 'Gray', '1999-02-30', 'Kelso']);
  });

  it('skips blank lines, counts them, and keeps the physical line numbers', async () => {
    const { source, records } = await readAll(fixture('blank-lines'));
    expect(lines(records)).toEqual([1, 3, 6, 7]);
    expect(records[2]!.fields[3]).toBe('Nowhere');
    expect(source.stats.blankLines).toBe(4);
  });

  it('reads CRLF line ends without leaving a CR in any field', async () => {
    for (const file of ['places.csv', 'people.csv']) {
      const { records } = await readAll(fixture('crlf', file));
      expect(lines(records)).toEqual([1, 2, 3, 4]);
      for (const record of records) for (const field of record.fields) expect(field).not.toMatch(/\r/);
    }
  });

  it('reads quoted commas, doubled quotes and a stray quote in an unquoted field as data', async () => {
    const { records } = await readAll(fixture('quoted-comma-and-quote'));
    expect(records.slice(1).map((record) => record.fields)).toEqual([
      ['Ann, Jr.', 'O"Brien', '1980-01-02', 'Kelso'],
      ['Seán', 'O"Neill', '1981-03-04', 'Łódź'],
      ['"Bud"', 'Smith', '1982-05-06', 'Zürich'],
    ]);
  });

  it('strips a UTF-8 byte order mark from the header', async () => {
    const { records } = await readAll(fixture('bom'));
    expect(records[0]!.fields).toEqual(PEOPLE_HEADER);
  });

  // csv-parse's `bom: true` switches its encoding to utf8 when it finds a BOM (lib/api/index.js,
  // "Renormalize original options with the new encoding"), so the fields stop being byte strings.
  it('reads a file with a byte order mark exactly as the same file without it', async () => {
    const bytes = readFileSync(fixture('bom'));
    const withBom = await readAll(fixture('bom'));
    const without = await readAll(tempFile(bytes.subarray(3)));
    expect(withBom.records).toEqual(without.records);
    expect(textsIn(withBom.source, withBom.records[3]!)).toEqual(['Seán', 'Ó Súilleabháin', '1981-03-04', 'Zürich']);
  });

  it('keeps invalid UTF-8 detectable after a byte order mark (never U+FFFD)', async () => {
    const path = tempFile(
      Buffer.concat([Buffer.from('\ufeffgiven_name,family_name\nSm'), Buffer.from([0xff]), Buffer.from('th,Gray\n')]),
    );
    const { source, records } = await readAll(path);
    expect(records[1]!.fields[0]).toBe('Sm\xffth');
    expect(fieldText(records[1]!.fields[0]!, source.encoding)).toBeUndefined();
  });

  it('keeps the original bytes of invalid UTF-8 and of a NUL', async () => {
    const invalid = await readAll(fixture('invalid-utf8'));
    expect(invalid.records[2]!.fields[0]).toBe('Jos\xe9');
    expect(invalid.records[4]!.fields[1]).toBe('Moss\xed\xa0\x80');
    const nul = await readAll(fixture('nul-byte'));
    expect(nul.records[2]!.fields[0]).toBe('Bo\0b');
  });

  it('yields a line of spaces as a record (the row rules reject it), not as a blank line', async () => {
    const { source, records } = await readAll(tempFile('a,b\n   \n1,2\n'));
    expect(records).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['   '] },
      { line: 3, fields: ['1', '2'] },
    ]);
    expect(source.stats.blankLines).toBe(0);
  });

  it('reads a last line that has no line end', async () => {
    const { records } = await readAll(tempFile('a,b\n1,2\n3,4'));
    expect(records.at(-1)).toEqual({ line: 3, fields: ['3', '4'] });
  });

  it('yields a header-only file as the header and nothing else', async () => {
    const { records } = await readAll(fixture('header-only'));
    expect(records).toEqual([{ line: 1, fields: PEOPLE_HEADER }]);
  });

  it('yields every record of a long file once, in order, in bounded batches', async () => {
    const rows = Array.from({ length: 5000 }, (_, i) => `name${i},2000-01-01`);
    const { batches, records } = await readAll(tempFile(`a,b\n${rows.join('\n')}\n`));
    expect(records).toHaveLength(5001);
    expect(lines(records)).toEqual(Array.from({ length: 5001 }, (_, i) => i + 1));
    expect(records[5000]!.fields[0]).toBe('name4999');
    expect(batches.length).toBeGreaterThan(2);
    for (const batch of batches) expect(batch.length).toBeLessThanOrEqual(4096);
  });

  describe('stops with BAD_CSV at the line where the bad record starts', () => {
    it('for an unterminated quote', async () => {
      const err = await csvError(fixture('unterminated-quote'), 'BAD_CSV');
      expect(err.context).toMatchObject({ file: 'people.csv', line: 3 });
      expect(err.message).toMatch(/people\.csv line 3\b/);
      expect(err.message).toMatch(/"/);
    });

    it('for an unterminated quote after multi-line records and blank lines', async () => {
      const path = tempFile('a,b\n"x\r\ny",1\n\n2,3\n"never closed,4\n5,6\n7,8\n');
      const err = await csvError(path, 'BAD_CSV');
      expect(err.context.line).toBe(6);
    });

    it('for an unterminated quote after thousands of good records', async () => {
      const rows = Array.from({ length: 3000 }, (_, i) => `n${i},1`);
      const path = tempFile(`a,b\n${rows.join('\n')}\n"open,1\n8,9\n`);
      const err = await csvError(path, 'BAD_CSV');
      expect(err.context.line).toBe(3002);
    });

    it(`for a record over MAX_RECORD_BYTES (${MAX_RECORD_BYTES})`, async () => {
      const path = tempFile(`a,b\n1,2\n${'x'.repeat(MAX_RECORD_BYTES + 10)},3\n4,5\n`);
      const err = await csvError(path, 'BAD_CSV');
      expect(err.context).toMatchObject({ file: 'people.csv', line: 3 });
      expect(err.message).toMatch(/people\.csv line 3\b/);
    });

    it('for a runaway quote that swallows more than MAX_RECORD_BYTES', async () => {
      const rows = Array.from({ length: 40_000 }, (_, i) => `row${i},${'y'.repeat(20)}`);
      const path = tempFile(`a,b\n1,2\n"runaway,3\n${rows.join('\n')}\n`);
      const err = await csvError(path, 'BAD_CSV');
      expect(err.context.line).toBe(3);
    });
  });

  it('reports a missing file as INPUT_MISSING naming it', async () => {
    const err = await CsvSource.open(join(scratch, 'nowhere', 'people.csv')).catch((e: unknown) => e);
    expect(isRollcallError(err, 'INPUT_MISSING')).toBe(true);
    expect((err as RollcallError).context.file).toBe('people.csv');
    expect((err as RollcallError).message).toMatch(/people\.csv/);
  });

  it('reports a directory in place of the file as INPUT_MISSING', async () => {
    const dir = join(scratch, 'dir-instead', 'people.csv');
    mkdirSync(dir, { recursive: true });
    const err = await CsvSource.open(dir).catch((e: unknown) => e);
    expect(isRollcallError(err, 'INPUT_MISSING')).toBe(true);
  });

  it('reports a zero-byte file as INPUT_EMPTY naming it', async () => {
    const err = await CsvSource.open(fixture('empty-file')).catch((e: unknown) => e);
    expect(isRollcallError(err, 'INPUT_EMPTY')).toBe(true);
    expect((err as RollcallError).context.file).toBe('people.csv');
    expect((err as RollcallError).message).toMatch(/people\.csv/);
  });

  it.each([
    ['a file with a BOM', () => fixture('bom')],
    ['a file with invalid UTF-8 and NUL bytes', () => fixture('nul-byte')],
    [
      'a file read in many chunks',
      () => tempFile(Array.from({ length: 20_000 }, (_, i) => `Łódź${i},😀,x`).join('\r\n')),
    ],
  ])('counts the bytes and sha256 of %s as stat and sha256sum do', async (_name, pathOf) => {
    const path = pathOf();
    const { source } = await readAll(path);
    expect(source.stats.bytes).toBe(statSync(path).size);
    expect(source.stats.sha256).toBe(execFileSync('sha256sum', [path], { encoding: 'utf8' }).split(' ')[0]);
  });

  it('stops between batches once its signal is aborted', async () => {
    const source = await CsvSource.open(fixture('plain'));
    const controller = new AbortController();
    const iterator = source.batches(controller.signal);
    await iterator.next();
    controller.abort(new Error('stop'));
    await expect(iterator.next()).rejects.toThrow('stop');
  });
});
