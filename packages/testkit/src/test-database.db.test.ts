import { describe, expect, it } from 'vitest';
import { useTestDatabase } from './test-database.ts';

describe('useTestDatabase', () => {
  const t = useTestDatabase('hook');
  const each = useTestDatabase('hook_each', { each: true });
  const seen: string[] = [];

  it('gives the file an empty utf8mb4_bin database of its own', async () => {
    const [[row]] = await t.db.raw('SELECT DATABASE() AS name, @@collation_database AS collation');
    expect(row).toEqual({ name: t.config.database, collation: 'utf8mb4_bin' });
    expect(t.env.MYSQL_DATABASE).toBe(t.config.database);
    await t.db.raw('CREATE TABLE kept (id INT)');
    seen.push(each.config.database);
  });

  it('keeps the per-file database between tests and gives each test a fresh one with each', async () => {
    const [rows] = await t.db.raw('SHOW TABLES');
    expect(rows).toHaveLength(1);
    seen.push(each.config.database);
    expect(new Set(seen).size).toBe(2);
    const [[gone]] = await t.db.raw('SELECT COUNT(*) AS n FROM information_schema.schemata WHERE schema_name = ?', [
      seen[0]!,
    ]);
    expect(gone.n).toBe(0);
  });
});
