import { RollcallError } from '@rollcall/shared';
import type { FileSpec } from './files.ts';

/** Position of each required column in a record, in the order of `spec.columns`. */
export type ColumnLayout = readonly number[];

/**
 * Maps the header record to the required columns, by name and in any order. Names are
 * compared after trimming surrounding spaces (documented in docs/loading.md: ` city ` is
 * `city`); extra columns are allowed and ignored.
 */
export function mapHeader(header: readonly string[], spec: FileSpec, file: string): ColumnLayout {
  const names = header.map((name) => name.trim());
  const duplicated = spec.columns.filter((column) => names.indexOf(column) !== names.lastIndexOf(column));
  if (duplicated.length > 0) {
    throw new RollcallError(
      'BAD_HEADER',
      `${file} line 1: column ${duplicated.join(', ')} appears more than once in the header`,
      { file, line: 1 },
    );
  }
  const missing = spec.columns.filter((column) => !names.includes(column));
  if (missing.length > 0) {
    throw new RollcallError(
      'BAD_HEADER',
      `${file} line 1: header lacks required column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}; ` +
        `expected ${spec.columns.join(',')} (any order), found ${shorten(names.join(',')) || 'nothing'}${crOnlyHint(header)}`,
      { file, line: 1, missing, expected: spec.columns },
    );
  }
  return spec.columns.map((column) => names.indexOf(column));
}

/**
 * csv-parse ends records at LF or CRLF only, so a file with CR-only line ends (old Mac
 * files) reads as one long header: say so, rather than leave the person to spot the \r.
 */
function crOnlyHint(header: readonly string[]): string {
  return header.some((name) => name.includes('\r'))
    ? '; the header holds a CR (\\r): are the lines ended by CR alone? expected LF or CRLF line ends'
    : '';
}

/** A binary file's "header" can be a megabyte long: the message shows its start. */
function shorten(found: string): string {
  return found.length > 200 ? `${found.slice(0, 200)}... (${found.length} characters)` : found;
}
