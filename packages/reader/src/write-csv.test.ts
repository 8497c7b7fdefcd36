import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvWriter } from './write-csv.ts';

const write = (rows: object[], columns: string[]) => text(Readable.from(rows).pipe(csvWriter(columns)));

describe('the CSV writer', () => {
  it('writes a header and CRLF records, quoting commas, quotes and line breaks (RFC 4180)', async () => {
    const rows = [
      { id: 1, name: 'Smith, John' },
      { id: 2, name: 'say "hi"' },
      { id: 3, name: 'two\nlines' },
      { id: 4, name: 'cr\ronly' },
    ];
    expect(await write(rows, ['id', 'name'])).toBe(
      'id,name\r\n1,"Smith, John"\r\n2,"say ""hi"""\r\n3,"two\nlines"\r\n4,"cr\ronly"\r\n',
    );
  });

  it('orders columns as the report says, whatever the row object order', async () => {
    expect(await write([{ b: 2, a: 1 }], ['a', 'b'])).toBe('a,b\r\n1,2\r\n');
  });

  it('writes the header alone for no rows', async () => {
    expect(await write([], ['country', 'people'])).toBe('country,people\r\n');
  });

  it('round-trips 4-byte characters through csv-parse', async () => {
    const rows = [
      { city: 'Łódź 𝔊𐍈 😀', n: '1' },
      { city: 'a\r\nb\nc\rd, "e"', n: '2' },
    ];
    expect(parse(await write(rows, ['city', 'n']), { columns: true })).toEqual(rows);
  });
});
