// Rewrites the schema section of sql/loader.sql from sql/schema.sql:
//   node --conditions=development packages/tools/src/sql/main.ts
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { embedSchema } from './embed-schema.ts';

const sqlDir = fileURLToPath(new URL('../../../../sql/', import.meta.url));
const loaderPath = `${sqlDir}loader.sql`;
const before = await readFile(loaderPath, 'utf8');
const after = embedSchema(before, await readFile(`${sqlDir}schema.sql`, 'utf8'));
if (after === before) {
  console.log('sql/loader.sql already embeds sql/schema.sql');
} else {
  await writeFile(loaderPath, after);
  console.log('sql/loader.sql: schema section rewritten from sql/schema.sql');
}
