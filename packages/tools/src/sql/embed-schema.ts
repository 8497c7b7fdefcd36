/**
 * sql/loader.sql is run by the mysql client from the data folder, so it cannot `source`
 * sql/schema.sql by a relative path: it carries a copy between two marker lines. This
 * keeps the copy verbatim; a test fails when they drift apart.
 */
export const BEGIN_MARKER = /^-- >>> sql\/schema\.sql\b.*$/m;
export const END_MARKER = /^-- <<< sql\/schema\.sql\b.*$/m;

/** `loaderSql` with everything between the two marker lines replaced by `schemaSql`. */
export function embedSchema(loaderSql: string, schemaSql: string): string {
  const begin = BEGIN_MARKER.exec(loaderSql);
  const end = END_MARKER.exec(loaderSql);
  if (!begin || !end || end.index < begin.index) {
    throw new Error(
      'sql/loader.sql lacks the marker lines "-- >>> sql/schema.sql" and "-- <<< sql/schema.sql" (in that order)',
    );
  }
  const head = loaderSql.slice(0, begin.index + begin[0].length);
  const tail = loaderSql.slice(end.index);
  const body = schemaSql.endsWith('\n') ? schemaSql : `${schemaSql}\n`;
  return `${head}\n${body}${tail}`;
}
