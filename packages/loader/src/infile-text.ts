/**
 * LOAD DATA's default text format (FIELDS ESCAPED BY '\\'): a backslash, a tab (the field
 * separator), a newline (the line separator) and NUL are written as two-character escapes;
 * everything else as its UTF-8 bytes.
 */
const SPECIAL = /[\\\t\n\0]/;
const SPECIAL_ALL = /[\\\t\n\0]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\0': '\\0' };

const BACKSLASH = 0x5c;
const TAB = 0x09;
const NEWLINE = 0x0a;
const NUL = 0x00;

/** A value in LOAD DATA's default text format. */
export function escapeInfileValue(value: string | number): string {
  if (typeof value === 'number') return String(value);
  return SPECIAL.test(value) ? value.replace(SPECIAL_ALL, (c) => ESCAPES[c]!) : value;
}

/**
 * Writes escapeInfileValue(value) as UTF-8 into `buffer` at `offset` (which must have room:
 * 3 bytes per UTF-16 unit at worst, an escape being 2) and returns the offset after it.
 * Runs for every value of a load, so the usual cases take one pass over the characters
 * and no intermediate string: a whole number's digits and printable ASCII are written
 * byte by byte; other text is handed to Buffer.write once it is known to need no escape.
 */
export function writeInfileValue(buffer: Buffer, offset: number, value: string | number): number {
  if (typeof value === 'number') return writeNumber(buffer, offset, value);
  let at = offset;
  let ascii = true;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code === BACKSLASH || code === TAB || code === NEWLINE || code === NUL) {
      return offset + buffer.write(escapeInfileValue(value), offset, 'utf8');
    }
    if (code >= 0x80) ascii = false;
    else if (ascii) buffer[at++] = code;
  }
  return ascii ? at : offset + buffer.write(value, offset, 'utf8');
}

function writeNumber(buffer: Buffer, offset: number, value: number): number {
  if (!Number.isSafeInteger(value) || value < 0) return offset + buffer.write(String(value), offset, 'latin1');
  let digits = 1;
  for (let rest = value; rest >= 10; rest = Math.floor(rest / 10)) digits++;
  let rest = value;
  for (let at = offset + digits - 1; at >= offset; at--) {
    buffer[at] = 0x30 + (rest % 10);
    rest = Math.floor(rest / 10);
  }
  return offset + digits;
}
