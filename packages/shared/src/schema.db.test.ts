import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@rollcall/testkit';
import { applySchema } from './schema.ts';

describe('schema', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase('schema');
  });
  afterAll(async () => t?.drop());

  it('creates places, people and load_runs, and applies again without error', async () => {
    await applySchema(t.db);
    await applySchema(t.db);
    const [rows] = await t.db.raw('SELECT table_name AS name, table_collation AS collation FROM information_schema.tables WHERE table_schema = ? ORDER BY table_name', [t.config.database]);
    expect(rows).toEqual([
      { name: 'load_runs', collation: 'utf8mb4_bin' },
      { name: 'people', collation: 'utf8mb4_bin' },
      { name: 'places', collation: 'utf8mb4_bin' },
    ]);
  });

  it('round-trips 4-byte characters byte-exact', async () => {
    await applySchema(t.db);
    const city = 'Łódź 𝔊𐍈 😀';
    await t.db('places').insert({ city, county: 'Ñ', country: 'Ελλάδα' });
    const [row] = await t.db('places').where({ city }).select('city', t.db.raw('HEX(city) AS hex'));
    expect(row.city).toBe(city);
    expect(row.hex).toBe(Buffer.from(city, 'utf8').toString('hex').toUpperCase());
  });
});
