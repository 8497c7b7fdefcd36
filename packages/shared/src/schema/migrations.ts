import type { Knex } from 'knex';
import * as initialSchema from './migrations/0001-initial-schema.ts';
import * as peopleCounts from './migrations/0002-people-counts.ts';

export interface Migration extends Knex.Migration {
  /** `NNNN-what-it-does`: NNNN is the schema version once it has run. */
  name: string;
}

/**
 * Every migration, oldest first. Listed as imported modules rather than found by a directory
 * glob, so that they load the same from the TypeScript sources and from the compiled image.
 * Append a new one here (CONTRIBUTING.md says how); never edit or reorder a released one.
 */
export const MIGRATIONS: readonly Migration[] = [
  { name: '0001-initial-schema', ...initialSchema },
  { name: '0002-people-counts', ...peopleCounts },
];

/** The schema version these jobs are written for: the number of the last migration. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/** The version a migration name stands for (`0003-…` → 3), or NaN for a name not in that form. */
export function versionOf(name: string): number {
  const match = /^(\d{4})-/.exec(name);
  return match ? Number(match[1]) : Number.NaN;
}
