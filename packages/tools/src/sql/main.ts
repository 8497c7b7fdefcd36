// Writes sql/schema.sql from the migrations' current table definitions, then the schema section
// of sql/loader.sql from sql/schema.sql:
//   npm run sql:embed
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { embedSchema } from './embed-schema.ts';
import { renderSchemaSql } from './schema-sql.ts';

const sqlDir = fileURLToPath(new URL('../../../../sql/', import.meta.url));

async function rewrite(file: string, make: (before: string) => string, from: string): Promise<void> {
  const path = `${sqlDir}${file}`;
  const before = await readFile(path, 'utf8');
  const after = make(before);
  if (after === before) {
    console.log(`sql/${file} is up to date with ${from}`);
  } else {
    await writeFile(path, after);
    console.log(`sql/${file} rewritten from ${from}`);
  }
}

const schemaSql = renderSchemaSql();
await rewrite('schema.sql', () => schemaSql, 'packages/shared/src/schema/');
await rewrite('loader.sql', (before) => embedSchema(before, schemaSql), 'sql/schema.sql');
