import type { Transform } from 'node:stream';
import { stringify } from 'csv-stringify';

/**
 * Rows → CSV per RFC 4180: a header row of `columns`, CRLF between records, fields quoted
 * when they hold a comma, quote, CR or LF, quotes doubled; UTF-8 without a BOM. Columns are
 * picked by name, so the file's column order is the report's, whatever the row object's.
 */
export function csvWriter(columns: readonly string[]): Transform {
  return stringify({
    header: true,
    columns: columns.map((key) => ({ key })),
    record_delimiter: 'windows',
    // csv-stringify quotes a field holding the record delimiter (CRLF) but not a lone LF or
    // CR; RFC 4180 (and every spreadsheet) needs those quoted too.
    quoted_match: /[\r\n]/,
  });
}
