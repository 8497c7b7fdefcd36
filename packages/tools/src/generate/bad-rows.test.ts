import { describe, expect, it } from 'vitest';
import { PEOPLE_BAD_KINDS, badCounts, createBadRowPicker, kindFractions } from './bad-rows.ts';
import { INVALID_UTF8_MARK, corruptPerson } from './corrupt-person.ts';
import { PLACES_CATALOG } from './places-catalog.ts';
import { createRandom } from './random.ts';

describe('bad row counts', () => {
  it('turns a fraction spread over eight kinds into exactly round(F × rows) rows', () => {
    const counts = badCounts(10_000, PEOPLE_BAD_KINDS, kindFractions(0.002, {}));
    expect(Object.values(counts).reduce((a, b) => a + b)).toBe(20);
    expect(Object.values(counts)).toEqual([3, 3, 3, 3, 2, 2, 2, 2]);
  });

  it('lets --bad set one kind over the shared fraction', () => {
    const counts = badCounts(1000, PEOPLE_BAD_KINDS, kindFractions(0.08, { 'too-long': 0.05, 'empty-field': 0 }));
    expect(counts).toMatchObject({ 'too-long': 50, 'empty-field': 0, 'unknown-place': 10 });
  });

  it('picks exactly the counted rows of each kind, at random positions', () => {
    const counts = { a: 30, b: 5 };
    const pick = createBadRowPicker(200, counts, createRandom(1, 'test'));
    const picked = Array.from({ length: 200 }, pick);
    expect(picked.filter((k) => k === 'a')).toHaveLength(30);
    expect(picked.filter((k) => k === 'b')).toHaveLength(5);
    expect(picked.slice(0, 100).filter(Boolean).length).toBeGreaterThan(5);
    expect(picked.slice(100).filter(Boolean).length).toBeGreaterThan(5);
  });

  it('makes every row bad when the fraction is 1', () => {
    const pick = createBadRowPicker(50, { a: 50 }, createRandom(1, 'test'));
    expect(Array.from({ length: 50 }, pick).every((k) => k === 'a')).toBe(true);
  });
});

describe('corrupting a person', () => {
  const person = ['Łukasz', 'Brzęczyszczykiewicz', '1984-07-05', 'Łódź'];
  const many = (kind: (typeof PEOPLE_BAD_KINDS)[number]) =>
    Array.from({ length: 200 }, (_, i) => corruptPerson(kind, person, createRandom(i, 'corrupt')));

  it('empties one field', () => {
    for (const row of many('empty-field')) expect(row.fields.filter((f) => f === '')).toHaveLength(1);
  });

  it('writes the date in another shape than YYYY-MM-DD', () => {
    for (const row of many('bad-date-format')) expect(row.fields[2]).not.toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('writes a YYYY-MM-DD date that is no day of the calendar', () => {
    for (const { fields } of many('impossible-date')) {
      const [y, m, d] = fields[2]!.split('-').map(Number) as [number, number, number];
      expect(fields[2]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      const date = new Date(Date.UTC(y, m - 1, d));
      expect(date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d).toBe(false);
    }
  });

  it('changes the field count', () => {
    for (const row of many('field-count')) expect(row.fields.length).not.toBe(4);
  });

  it('marks one name for invalid UTF-8 bytes', () => {
    for (const row of many('invalid-utf8')) {
      expect(row.fields.filter((f) => f.includes(INVALID_UTF8_MARK))).toHaveLength(1);
      expect(() => new TextDecoder('utf-8', { fatal: true }).decode(row.invalidBytes)).toThrow();
    }
  });

  it('makes a name of 101 to 130 characters that ends in a letter', () => {
    for (const row of many('too-long')) {
      const long = row.fields.find((f) => [...f].length > 100)!;
      expect([...long].length).toBeLessThanOrEqual(131);
      expect(long).toMatch(/\p{L}$/u);
    }
  });

  it('puts a C0 control character other than tab, CR and LF in a name', () => {
    for (const row of many('control-char')) {
      expect(row.fields.slice(0, 2).join('')).toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
    }
  });

  it('names a place that is not in the catalog', () => {
    const cities = new Set(PLACES_CATALOG.map((p) => p.city));
    for (const row of many('unknown-place')) expect(cities.has(row.fields[3]!)).toBe(false);
  });
});
