import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Knex } from '@rollcall/shared';

const SCHEMA_0_1 = fileURLToPath(new URL('../../../test/fixtures/schema-0.1.0.sql', import.meta.url));

/**
 * The tables as rollcall 0.1.0 created them, before migrations: its sql/schema.sql, kept
 * verbatim as a fixture, applied statement by statement as that release did.
 */
export async function createRelease01Schema(db: Knex): Promise<void> {
  const sql = await readFile(SCHEMA_0_1, 'utf8');
  const statements = sql
    .replace(/^\s*--.*$/gm, '')
    .split(/;\s*$/m)
    .map((statement) => statement.trim())
    .filter(Boolean);
  for (const statement of statements) await db.raw(statement);
}
