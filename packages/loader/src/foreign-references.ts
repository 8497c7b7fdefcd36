import { RollcallError, type Knex } from '@rollcall/shared';
import { LOAD_TABLES } from './staging.ts';

interface ForeignReference {
  schema: string;
  table: string;
  constraint: string;
  referenced: string;
}

/**
 * A load replaces its tables by RENAME TABLE, and a foreign key follows the table it points
 * at: a key of another table on `places` would end up on `places_old`, whose drop the key
 * then refuses, leaving the run half done and the key pointing at the previous data. So a
 * foreign key from outside the load's own tables is refused before anything is done.
 */
export async function refuseForeignReferences(db: Knex): Promise<void> {
  const [rows] = (await db.raw(
    `SELECT DISTINCT TABLE_SCHEMA AS \`schema\`, TABLE_NAME AS \`table\`, CONSTRAINT_NAME AS \`constraint\`,
            REFERENCED_TABLE_NAME AS referenced
     FROM information_schema.KEY_COLUMN_USAGE
     WHERE REFERENCED_TABLE_SCHEMA = DATABASE()
       AND REFERENCED_TABLE_NAME IN (${LOAD_TABLES.map(() => '?').join(', ')})
       AND NOT (TABLE_SCHEMA = DATABASE() AND TABLE_NAME IN (${LOAD_TABLES.map(() => '?').join(', ')}))
     ORDER BY 1, 2, 3`,
    [...LOAD_TABLES, ...LOAD_TABLES],
  )) as [ForeignReference[]];
  if (rows.length === 0) return;
  const keys = rows.map((r) => `${r.schema}.${r.table} (${r.constraint} → ${r.referenced})`);
  const fixes = rows.map((r) => `ALTER TABLE \`${r.schema}\`.\`${r.table}\` DROP FOREIGN KEY \`${r.constraint}\`;`);
  throw new RollcallError(
    'REFERENCED_FROM_OUTSIDE',
    `The load's tables are referenced by foreign keys of other tables: ${keys.join(', ')}. ` +
      'A load replaces its tables by renaming them, which would carry such a key over to the previous data and ' +
      `then fail to drop it. Nothing was changed. To fix: drop the key (${fixes.join(' ')}), ` +
      'and keep the relation by a join, or by a key on a copy of the data.',
    { references: keys },
  );
}
