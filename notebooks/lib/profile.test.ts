import { deepStrictEqual as assertEquals } from 'node:assert/strict';
import { characterCount, ColumnProfile, hasFourByteCharacter, scriptsIn } from './profile.ts';

const bytes = (text: string) => new TextEncoder().encode(text).reduce((s, b) => s + String.fromCharCode(b), '');

Deno.test('scriptsIn names the script of every letter and ignores digits and punctuation', () => {
  const cases: [string, string[]][] = [
    ["O'Brien-Smith 3rd", ['Latin']],
    ['Θεσσαλονίκη', ['Greek']],
    ['Новосибирск', ['Cyrillic']],
    ['東京', ['Han']],
    ['さいたま市', ['Hiragana', 'Han']],
    ['Hải Phòng', ['Latin']],
    ['1842-09-30', []],
    ['ᚠᚢᚦ', ['Runic']],
    ['𐌰𐌱', ['Other']],
  ];
  for (const [text, scripts] of cases) assertEquals([...scriptsIn(text)].sort(), scripts.sort(), text);
});

Deno.test('a character outside the BMP is counted once and flagged as 4-byte', () => {
  assertEquals(characterCount('𠮷野'), 2);
  assertEquals(hasFourByteCharacter('𠮷野'), true);
  assertEquals(hasFourByteCharacter('Łódź'), false);
});

Deno.test('a column profile counts empty, invalid and distinct values from raw byte strings', () => {
  const profile = new ColumnProfile('city');
  for (const raw of [bytes('Łódź'), bytes('Łódź'), '  ', undefined, '\xff\xfe', bytes('𠮷野')]) profile.add(raw);
  assertEquals(
    {
      values: profile.values,
      empty: profile.empty,
      invalid: profile.invalidUtf8,
      distinct: profile.distinct.size,
      fourByte: profile.fourByte,
    },
    { values: 6, empty: 2, invalid: 1, distinct: 3, fourByte: 1 },
  );
  assertEquals(profile.longest, 'Łódź');
  assertEquals(Object.fromEntries(profile.scripts), { Latin: 2, Han: 1 });
});
