import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '@rollcall/testkit';
import { parseCommand } from './command.ts';
import { runReports } from './run-reports.ts';
import { loadFixture, readerConfig, silentLog, type FixturePerson, type FixturePlace } from './testing/fixture.ts';

const places: FixturePlace[] = [
  { city: 'Edinburgh', county: 'Midlothian', country: 'Scotland' },
  { city: 'Glasgow', county: 'Lanarkshire', country: 'Scotland' },
  { city: 'Belfast', county: 'Antrim', country: 'Northern Ireland' },
  { city: 'Αθήνα', county: 'Αττική', country: 'Ελλάδα' },
  { city: 'Łódź', county: 'łódzkie', country: 'Polska' },
  { city: 'Zürich', county: 'Zürich', country: 'Schweiz' },
  { city: 'Lerwick', county: 'Shetland', country: 'scotland' },
  { city: '𝔊 City', county: '𝔊 County', country: '𐍈 Land 😀' },
  { city: 'Ｔｏｋｙｏ', county: 'Ｔｏｋｙｏ', country: 'Ｆｕｌｌ' },
  { city: 'Dublin', county: 'Dublin', country: 'Éire' },
  { city: 'Nowhere', county: 'Empty', country: 'Atlantis' },
];

const born = (city: string, n: number): FixturePerson[] =>
  Array.from({ length: n }, (_, i) => ({ given_name: `G${i}`, family_name: city, date_of_birth: '1900-01-01', city }));

const people = [
  ...born('Edinburgh', 3),
  ...born('Glasgow', 2),
  ...born('Belfast', 3),
  ...born('Αθήνα', 2),
  ...born('Łódź', 2),
  ...born('Zürich', 2),
  ...born('Lerwick', 2),
  ...born('𝔊 City', 2),
  ...born('Ｔｏｋｙｏ', 2),
  ...born('Dublin', 1),
];

describe('the summary report', () => {
  const t = useTestDatabase('reader_summary');
  beforeAll(async () => {
    await loadFixture(t.db, places, people);
  });

  it('writes summary_output.json byte-exact: counts descending, ties by name in code point order, UTF-8 as is', async () => {
    const config = await readerConfig(t);
    const command = parseCommand(['--report', 'summary']);
    if (command.kind !== 'write') throw new Error('expected a write command');
    const [written] = await runReports(config, command.jobs, { log: silentLog });
    // Code point order, which is utf8mb4_bin's byte order: 'S' < 's' < 'Ε' (U+0395) <
    // 'Ｆ' (U+FF26) < '𐍈' (U+10348); JavaScript's default sort would put '𐍈' before 'Ｆ'.
    const expected =
      '{"Scotland":5,"Northern Ireland":3,"Polska":2,"Schweiz":2,"scotland":2,"Ελλάδα":2,"Ｆｕｌｌ":2,"𐍈 Land 😀":2,"Éire":1}';
    const bytes = await readFile(join(config.reportsDir, 'summary_output.json'));
    expect(bytes.equals(Buffer.from(expected, 'utf8'))).toBe(true);
    expect(written).toMatchObject({ report: 'summary', format: 'json', rows: 9 });
  });

  it('leaves out countries where nobody was born', async () => {
    const config = await readerConfig(t);
    const command = parseCommand([]);
    if (command.kind !== 'write') throw new Error('expected a write command');
    await runReports(config, command.jobs, { log: silentLog });
    const summary = JSON.parse(await readFile(join(config.reportsDir, 'summary_output.json'), 'utf8')) as Record<
      string,
      number
    >;
    expect(summary).not.toHaveProperty('Atlantis');
    expect(Object.values(summary).reduce((a, b) => a + b, 0)).toBe(people.length);
  });
});
