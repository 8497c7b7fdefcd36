import { readFile } from 'node:fs/promises';
import type { Knex } from './db.ts';
import { SCHEMA_SQL_PATH } from './paths.ts';

/** Statements of a plain SQL file: split on ';' at line ends, comments dropped. */
export function splitSqlStatements(sql: string): string[] {
  return sql
    .split(/;\s*$/m)
    .map((statement) => statement.replace(/^\s*--.*$/gm, '').trim())
    .filter((statement) => statement.length > 0);
}

/** Applies sql/schema.sql, the one schema shared with the pure-SQL loader. Idempotent. */
export async function applySchema(db: Knex | Knex.Transaction): Promise<void> {
  const sql = await readFile(SCHEMA_SQL_PATH, 'utf8');
  for (const statement of splitSqlStatements(sql)) {
    await db.raw(statement);
  }
}
