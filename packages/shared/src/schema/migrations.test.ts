import { describe, expect, it } from 'vitest';
import { MIGRATIONS, SCHEMA_VERSION, versionOf } from './migrations.ts';

describe('the migration list', () => {
  it('numbers the migrations 0001, 0002, … in order, so the last number is the schema version', () => {
    expect(MIGRATIONS.map((migration) => versionOf(migration.name))).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(SCHEMA_VERSION).toBe(MIGRATIONS.length);
  });

  it('names each migration NNNN-in-kebab-case with an up and a down', () => {
    for (const migration of MIGRATIONS) {
      expect(migration.name).toMatch(/^\d{4}-[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(typeof migration.up).toBe('function');
      expect(typeof migration.down).toBe('function');
    }
  });

  it('reads no version from a name not in the NNNN- form', () => {
    expect(versionOf('20261201_initial')).toBeNaN();
    expect(versionOf('0012-add-index')).toBe(12);
  });
});
