import { describe, expect, it } from 'vitest';
import { EXIT_CODES } from '@rollcall/shared';
import { LOADER_MAIN, runJob, useTestDatabase } from '@rollcall/testkit';
import { dataset, PEOPLE_CSV, PLACES_CSV } from './testing/datasets.ts';

describe("another table's foreign key on the load's tables", () => {
  const t = useTestDatabase('foreign_references', { each: true });
  const load = () => {
    const data = dataset(PLACES_CSV, PEOPLE_CSV);
    return runJob(LOADER_MAIN, { ...t.env, DATA_DIR: data.dir, REPORTS_DIR: data.reports });
  };
  const referencedTable = async () => {
    const [rows] = await t.db.raw(
      `SELECT REFERENCED_TABLE_NAME AS referenced FROM information_schema.REFERENTIAL_CONSTRAINTS
       WHERE CONSTRAINT_SCHEMA = DATABASE() AND TABLE_NAME = 'visits'`,
    );
    return (rows as { referenced: string }[]).map((row) => row.referenced);
  };

  it('refuses the load before any work, naming the key and its fix, and leaves data and key as they were', async () => {
    expect((await load()).code).toBe(0);
    await t.db.raw(
      'CREATE TABLE visits (id INT PRIMARY KEY, place_id INT UNSIGNED, CONSTRAINT visits_place FOREIGN KEY (place_id) REFERENCES places (id)) ENGINE=InnoDB',
    );
    await t.db.raw('INSERT INTO visits VALUES (1, 1)');
    const people = await t.db('people').count({ n: '*' });

    const refused = await load();

    expect(refused.code).toBe(EXIT_CODES.REFERENCED_FROM_OUTSIDE);
    const last = refused.lines.at(-1)!;
    expect(last).toMatchObject({ code: 'REFERENCED_FROM_OUTSIDE' });
    expect(last.msg).toContain(`${t.env.MYSQL_DATABASE}.visits (visits_place → places)`);
    expect(last.msg).toContain(`ALTER TABLE \`${t.env.MYSQL_DATABASE}\`.\`visits\` DROP FOREIGN KEY \`visits_place\`;`);
    // Refused before the run was recorded or the tables touched: the key still points at the live places.
    expect(await t.db('load_runs').count({ n: '*' })).toEqual([{ n: 1 }]);
    expect(await referencedTable()).toEqual(['places']);
    expect(await t.db('people').count({ n: '*' })).toEqual(people);
  });

  it('loads again once the key is dropped as the message says', async () => {
    expect((await load()).code).toBe(0);
    await t.db.raw(
      'CREATE TABLE visits (id INT PRIMARY KEY, place_id INT UNSIGNED, CONSTRAINT visits_place FOREIGN KEY (place_id) REFERENCES places (id)) ENGINE=InnoDB',
    );
    expect((await load()).code).toBe(EXIT_CODES.REFERENCED_FROM_OUTSIDE);
    await t.db.raw('ALTER TABLE visits DROP FOREIGN KEY visits_place');

    const again = await load();

    expect(again.code).toBe(0);
    const tables = await t.db.raw('SHOW TABLES');
    expect((tables[0] as Record<string, string>[]).map((row) => Object.values(row)[0]).sort()).not.toContain(
      'places_old',
    );
  });
});
