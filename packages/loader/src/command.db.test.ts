import { describe, expect, it } from 'vitest';
import { EXIT_CODES, SCHEMA_VERSION } from '@rollcall/shared';
import { useTestDatabase, LOADER_MAIN, runJob } from '@rollcall/testkit';
import { dataset, PEOPLE_CSV, PLACES_CSV } from './testing/datasets.ts';

// A complete, valid configuration and dataset: had the loader ignored its arguments, it
// would have loaded them and created its tables.
describe('the loader command line, answered before anything is loaded', () => {
  const t = useTestDatabase('command');

  const run = (args: string[]) => {
    const data = dataset(PLACES_CSV, PEOPLE_CSV);
    return runJob(LOADER_MAIN, { ...t.env, DATA_DIR: data.dir, REPORTS_DIR: data.reports }, { args });
  };
  const tables = async () =>
    (await t.db('information_schema.tables').where('table_schema', t.env.MYSQL_DATABASE).count({ n: '*' }))[0]!.n;

  it('prints its usage for --help and exits 0 without loading', async () => {
    const result = await run(['--help']);
    expect(result.code).toBe(EXIT_CODES.OK);
    expect(result.stdout).toMatch(/^Usage: npm run load/);
    expect(Number(await tables())).toBe(0);
  });

  it('prints the package version and the schema version it expects for --version', async () => {
    const result = await run(['--version']);
    expect(result.code).toBe(EXIT_CODES.OK);
    expect(result.stdout).toBe(`@rollcall/loader 0.1.0 (schema version ${SCHEMA_VERSION})\n`);
    expect(Number(await tables())).toBe(0);
  });

  it.each([[['--nope']], [['people.csv']], [['--help=yes']]])(
    'refuses %j as USAGE with exit 2 without loading',
    async (args) => {
      const result = await run(args);
      expect(result.code).toBe(EXIT_CODES.USAGE);
      expect(result.lines.at(-1)).toMatchObject({ code: 'USAGE', exitCode: 2 });
      expect(Number(await tables())).toBe(0);
    },
  );
});
