import { fileURLToPath } from 'node:url';

/** sql/schema.sql, found relative to this package both in the repo and in the images. */
export const SCHEMA_SQL_PATH = fileURLToPath(new URL('../../../sql/schema.sql', import.meta.url));
