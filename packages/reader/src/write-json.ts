import { Transform } from 'node:stream';

type Row = Record<string, unknown>;

/**
 * Rows → a JSON array of objects, one object per line: `[\n{…},\n{…}\n]\n`, or `[]\n`.
 * Streams: holds one row at a time, whatever the number of rows.
 */
export function jsonArrayWriter(): Transform {
  let first = true;
  return new Transform({
    writableObjectMode: true,
    transform(row: Row, _encoding, done) {
      const text = JSON.stringify(row);
      done(null, first ? `[\n${text}` : `,\n${text}`);
      first = false;
    },
    flush(done) {
      done(null, first ? '[]\n' : '\n]\n');
    },
  });
}

/**
 * Rows → one compact JSON object mapping row[key] to row[value], in row order, with no
 * whitespace and no final newline: the public sample's exact bytes,
 * `{"Scotland":8048,"Northern Ireland":1952}`. Keys come from a GROUP BY, so they are unique.
 */
export function jsonObjectWriter(key: string, value: string): Transform {
  let first = true;
  return new Transform({
    writableObjectMode: true,
    transform(row: Row, _encoding, done) {
      const entry = `${JSON.stringify(String(row[key]))}:${JSON.stringify(row[value])}`;
      done(null, first ? `{${entry}` : `,${entry}`);
      first = false;
    },
    flush(done) {
      done(null, first ? '{}' : '}');
    },
  });
}
