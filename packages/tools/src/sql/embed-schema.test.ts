import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { embedSchema } from './embed-schema.ts';

const read = (file: string) => readFileSync(fileURLToPath(new URL(`../../../../sql/${file}`, import.meta.url)), 'utf8');

describe('embedSchema', () => {
  it('keeps sql/loader.sql carrying sql/schema.sql verbatim (npm run sql:embed refreshes it)', () => {
    const loader = read('loader.sql');
    expect(embedSchema(loader, read('schema.sql'))).toBe(loader);
  });

  it('replaces whatever lies between the marker lines and keeps the rest', () => {
    const loader = 'SET NAMES utf8mb4;\n-- >>> sql/schema.sql (note)\nold;\n-- <<< sql/schema.sql\nSELECT 1;\n';
    expect(embedSchema(loader, 'CREATE TABLE t (id INT);')).toBe(
      'SET NAMES utf8mb4;\n-- >>> sql/schema.sql (note)\nCREATE TABLE t (id INT);\n-- <<< sql/schema.sql\nSELECT 1;\n',
    );
  });

  it('refuses a file without both marker lines in order', () => {
    expect(() => embedSchema('SELECT 1;\n', 'x')).toThrow(/marker lines/);
    expect(() => embedSchema('-- <<< sql/schema.sql\n-- >>> sql/schema.sql\n', 'x')).toThrow(/marker lines/);
  });
});
