import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { jsonArrayWriter, jsonObjectWriter } from './write-json.ts';

const write = (rows: object[], writer: ReturnType<typeof jsonArrayWriter>) => text(Readable.from(rows).pipe(writer));

describe('the JSON writers', () => {
  it('write the summary shape compactly, in row order, without a final newline', async () => {
    const rows = [
      { country: 'Scotland', people: 8048 },
      { country: 'Northern Ireland', people: 1952 },
    ];
    expect(await write(rows, jsonObjectWriter('country', 'people'))).toBe('{"Scotland":8048,"Northern Ireland":1952}');
  });

  it('keep multi-byte and 4-byte characters as UTF-8, escaping only what JSON requires', async () => {
    const rows = [
      { country: 'Ελλάδα 😀', people: 2 },
      { country: 'Say "hi"\\', people: 1 },
    ];
    expect(await write(rows, jsonObjectWriter('country', 'people'))).toBe('{"Ελλάδα 😀":2,"Say \\"hi\\"\\\\":1}');
  });

  it('write an empty object and an empty array for no rows', async () => {
    expect(await write([], jsonObjectWriter('country', 'people'))).toBe('{}');
    expect(await write([], jsonArrayWriter())).toBe('[]\n');
  });

  it('write rows as an array of objects, one per line, that parses back', async () => {
    const rows = [
      { id: 1, name: 'a\nb' },
      { id: 2, name: 'Ł' },
    ];
    const out = await write(rows, jsonArrayWriter());
    expect(out).toBe('[\n{"id":1,"name":"a\\nb"},\n{"id":2,"name":"Ł"}\n]\n');
    expect(JSON.parse(out)).toEqual(rows);
  });
});
