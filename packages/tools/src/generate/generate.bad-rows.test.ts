import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PEOPLE_BAD_KINDS, PLACES_BAD_KINDS } from './bad-rows.ts';
import { generate } from './generate.ts';
import type { Manifest } from './manifest.ts';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The loader's rules for one people line, in a few lines of their own: the first rule a line
 * breaks, or 'valid'. Every line the manifest lists must break exactly its own kind's rule,
 * and every other line none.
 */
function classify(line: Buffer, cities: Set<string>): string {
  let text: string;
  try {
    text = utf8.decode(line);
  } catch {
    return 'invalid-utf8';
  }
  const [fields = []] = parse(text, { relax_quotes: false }) as string[][];
  if (fields.length !== 4) return 'field-count';
  if (fields.some((f) => f === '')) return 'empty-field';
  if (fields.some((f) => /[\u0000-\u001F\u007F]/.test(f))) return 'control-char';
  if (fields.some((f) => [...f].length > 100)) return 'too-long';
  const date = fields[2]!;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return 'bad-date-format';
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const day = new Date(Date.UTC(y, m - 1, d));
  if (day.getUTCFullYear() !== y || day.getUTCMonth() !== m - 1 || day.getUTCDate() !== d) return 'impossible-date';
  if (!cities.has(fields[3]!)) return 'unknown-place';
  return 'valid';
}

let out: string;
let manifest: Manifest;
beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), 'rollcall-generate-bad-'));
  manifest = await generate({
    out,
    people: 4000,
    seed: 5,
    places: 244,
    badFraction: 0.08,
    bad: { 'too-long': 0.02, 'duplicate-place': 0.05, 'conflicting-place': 0.02 },
    crlf: false,
    bom: false,
  });
});
afterAll(() => rm(out, { recursive: true, force: true }));

const lineKinds = (bad: Record<string, { lines: number[] }>) =>
  new Map(Object.entries(bad).flatMap(([kind, { lines }]) => lines.map((line): [number, string] => [line, kind])));

describe('bad rows', () => {
  it('injects each people kind at the requested rate, --bad overriding --bad-fraction', () => {
    const counts = Object.fromEntries(PEOPLE_BAD_KINDS.map((kind) => [kind, manifest.people.bad[kind].count]));
    expect(counts).toEqual({
      'empty-field': 40,
      'bad-date-format': 40,
      'impossible-date': 40,
      'unknown-place': 40,
      'field-count': 40,
      'invalid-utf8': 40,
      'too-long': 80,
      'control-char': 40,
    });
    expect(manifest.expected.people).toEqual({ loaded: 4000 - 360, rejected: 360 });
    expect(manifest.people.valid).toBe(3640);
  });

  it('puts at each line the manifest names a row of that kind, and only valid rows elsewhere', async () => {
    const places = parse(await readFile(join(out, 'places.csv')), { columns: true }) as Record<string, string>[];
    const cities = new Set(places.map((p) => p.city!));
    const people = await readFile(join(out, 'people.csv'));
    const expected = lineKinds(manifest.people.bad);
    const found = new Map<number, string>();
    let start = people.indexOf(0x0a) + 1;
    for (let line = 2; start < people.length; line++) {
      const end = people.indexOf(0x0a, start);
      const kind = classify(people.subarray(start, end), cities);
      if (kind !== 'valid') found.set(line, kind);
      start = end + 1;
    }
    expect(found).toEqual(expected);
  });

  it('repeats places rows exactly or with another county and country, after the original, at the listed lines', async () => {
    const rows = parse(await readFile(join(out, 'places.csv'))) as string[][];
    const { bad } = manifest.places;
    expect(bad['duplicate-place'].count).toBe(Math.round(244 * 0.05));
    expect(bad['conflicting-place'].count).toBe(Math.round(244 * 0.02));
    const firstLine = new Map<string, number>();
    const found = new Map<number, string>();
    rows.forEach((row, i) => {
      if (i === 0) return;
      const first = firstLine.get(row[0]!);
      if (first === undefined) {
        firstLine.set(row[0]!, i + 1);
        return;
      }
      const same = rows[first - 1]!.join('\u0000') === row.join('\u0000');
      found.set(i + 1, same ? 'duplicate-place' : 'conflicting-place');
    });
    expect(found).toEqual(lineKinds(bad));
    expect(manifest.expected.places).toEqual({ loaded: 244, duplicates: 12, rejected: 5 });
    expect(PLACES_BAD_KINDS.every((kind) => bad[kind].lines.every((line) => line > 2))).toBe(true);
  });

  it('counts nobody as born in a city that has a conflicting row', () => {
    const summaryTotal = Object.values(manifest.expected.summary).reduce((a, b) => a + b, 0);
    expect(summaryTotal).toBe(manifest.expected.people.loaded);
  });
});
