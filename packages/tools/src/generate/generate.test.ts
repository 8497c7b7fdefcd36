import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate, type GenerateOptions } from './generate.ts';

let root: string;
beforeAll(async () => (root = await mkdtemp(join(tmpdir(), 'rollcall-generate-'))));
afterAll(() => rm(root, { recursive: true, force: true }));

let runs = 0;
async function run(options: Partial<GenerateOptions> = {}) {
  const out = join(root, String(runs++));
  const manifest = await generate({
    people: 5000,
    seed: 1,
    places: 244,
    badFraction: 0,
    bad: {},
    crlf: false,
    bom: false,
    out,
    ...options,
  });
  const read = (name: string) => readFile(join(out, name));
  return {
    out,
    manifest,
    places: await read('places.csv'),
    people: await read('people.csv'),
    raw: await read('manifest.json'),
  };
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
type Record4 = { given_name: string; family_name: string; date_of_birth: string; place_of_birth: string };

describe('generate', () => {
  it('writes the same bytes for the same arguments and seed, and other bytes for another seed', async () => {
    const [a, b, c] = await Promise.all([
      run({ seed: 9, badFraction: 0.01 }),
      run({ seed: 9, badFraction: 0.01 }),
      run({ seed: 10, badFraction: 0.01 }),
    ]);
    for (const file of ['places', 'people', 'raw'] as const) expect(sha256(a[file])).toBe(sha256(b[file]));
    expect(sha256(a.people)).not.toBe(sha256(c.people));
  });

  it('records in the manifest the rows, bytes and sha256 of the files it wrote', async () => {
    const { manifest, places, people, raw } = await run({ people: 3000, places: 40 });
    expect(JSON.parse(raw.toString())).toEqual(manifest);
    expect(manifest.people).toMatchObject({ rows: 3000, valid: 3000, bytes: people.length, sha256: sha256(people) });
    expect(manifest.places).toMatchObject({ rows: 40, unique: 40, bytes: places.length, sha256: sha256(places) });
    expect(people.toString().split('\n')).toHaveLength(3000 + 2); // header, rows, the empty string after the last LF
    expect(manifest.command).toBe('npm run generate -- --people 3000 --seed 1 --places 40 --out <dir>');
  });

  it('writes people that parse with csv-parse, name a generated city and have a real date from 1850 to 2020', async () => {
    const { manifest, places, people } = await run({ people: 20_000 });
    const placeRows: Record<string, string>[] = parse(places, { columns: true });
    const cityCountry = new Map(placeRows.map((p) => [p.city!, p.country!]));
    const rows: Record4[] = parse(people, { columns: true });
    expect(rows).toHaveLength(20_000);
    const isDay = (d: string) =>
      /^(18[5-9]\d|19\d\d|20[0-1]\d|2020)-/.test(d) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d);
    expect(rows.filter((r) => !cityCountry.has(r.place_of_birth) || !isDay(r.date_of_birth))).toEqual([]);
    const born = new Map<string, number>();
    for (const row of rows) {
      const country = cityCountry.get(row.place_of_birth)!;
      born.set(country, (born.get(country) ?? 0) + 1);
    }
    expect(manifest.expected.summary).toEqual(Object.fromEntries(born));
    const counts = Object.values(manifest.expected.summary);
    expect(counts).toEqual([...counts].sort((x, y) => y - x));
    expect(rows.some((r) => r.date_of_birth.endsWith('-02-29'))).toBe(true);
    expect(rows.some((r) => /[\u{10000}-\u{10FFFF}]/u.test(r.family_name))).toBe(true);
  });

  it('quotes the fields with commas and double quotes, and they read back unchanged', async () => {
    const { people } = await run({ people: 20_000, seed: 3 });
    const rows: Record4[] = parse(people, { columns: true });
    const text = people.toString();
    const nickname = rows.find((r) => r.given_name.includes('"'))!;
    const suffix = rows.find((r) => r.family_name.includes(', '))!;
    expect(nickname.given_name).toMatch(/^\p{L}+ "\p{L}+"$/u);
    expect(text).toContain(`"${nickname.given_name.replaceAll('"', '""')}"`);
    expect(suffix.family_name).toMatch(/, (Jr\.|Sr\.|III)$/);
    expect(text).toContain(`"${suffix.family_name}"`);
    expect(rows.some((r) => r.place_of_birth === 'Washington, D.C.')).toBe(true);
  });

  it('starts each file with a BOM under --bom and ends every line with CRLF under --crlf', async () => {
    const { places, people } = await run({ people: 500, bom: true, crlf: true, badFraction: 0.05 });
    for (const file of [places, people]) {
      expect([...file.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(file.toString('latin1').split('\r\n').at(-1)).toBe('');
      expect(file.toString('latin1').replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
    }
    expect(parse(people, { columns: true, bom: true, relax_column_count: true })).toHaveLength(500);
    const placeRows: Record<string, string>[] = parse(places, { columns: true, bom: true });
    expect(Object.keys(placeRows[0]!)).toEqual(['city', 'county', 'country']);
  });

  it('writes only the header when asked for no people', async () => {
    const { manifest, people } = await run({ people: 0 });
    expect(people.toString()).toBe('given_name,family_name,date_of_birth,place_of_birth\n');
    expect(manifest.expected).toMatchObject({ people: { loaded: 0, rejected: 0 }, summary: {} });
  });
});
