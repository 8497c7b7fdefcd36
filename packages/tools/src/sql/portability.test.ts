import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const loaderSql = readFileSync(fileURLToPath(new URL('../../../../sql/loader.sql', import.meta.url)), 'utf8');
const statements = loaderSql.replace(/^\s*--.*$/gm, '');

describe('sql/loader.sql on other MySQL-protocol engines', () => {
  it('sets variables with SET @v = (SELECT …), never SELECT … INTO @v, which TiDB and Vitess lack', () => {
    expect(statements).not.toMatch(/\bINTO\s+@/i);
    expect(statements).toMatch(/SET @places_read = \(SELECT COUNT\(\*\) FROM load_sql_places\)/);
  });
});
