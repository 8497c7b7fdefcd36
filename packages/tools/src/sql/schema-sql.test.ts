import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderSchemaSql } from './schema-sql.ts';

const read = (file: string) => readFileSync(fileURLToPath(new URL(`../../../../sql/${file}`, import.meta.url)), 'utf8');

describe('sql/schema.sql', () => {
  it('is what the generator makes of the current table definitions and migrations (run npm run sql:embed after changing them)', () => {
    expect(read('schema.sql')).toBe(renderSchemaSql());
  });
});
