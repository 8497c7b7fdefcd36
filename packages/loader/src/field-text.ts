import { isUtf8 } from 'node:buffer';

/**
 * How a file's fields arrive from the parser. A file that is valid UTF-8 throughout (the
 * usual case, checked before parsing) is parsed as 'utf8': its fields are text already.
 * Any other file is parsed as 'latin1', each byte one char (a byte string), so that the
 * row rules can tell which fields are not valid UTF-8 instead of having them silently
 * replaced by U+FFFD.
 */
export type FieldEncoding = 'utf8' | 'latin1';

/** A field as text, or undefined when its bytes are not valid UTF-8. */
export function fieldText(field: string, encoding: FieldEncoding): string | undefined {
  return encoding === 'utf8' ? field : decodeUtf8(field);
}

const NON_ASCII = /[\x80-\xff]/;

/** A byte string as text, or undefined when its bytes are not valid UTF-8. */
export function decodeUtf8(bytes: string): string | undefined {
  if (!NON_ASCII.test(bytes)) return bytes;
  const buffer = Buffer.from(bytes, 'latin1');
  return isUtf8(buffer) ? buffer.toString('utf8') : undefined;
}

/** Text back to the byte-string form, e.g. to write a reason beside original fields. */
export function encodeUtf8(text: string): string {
  return Buffer.from(text, 'utf8').toString('latin1');
}

/** Length in characters (code points), as MySQL counts VARCHAR(n) in utf8mb4. */
export function characterLength(text: string): number {
  // Each UTF-16 code unit is at most one code point, so short strings need no count.
  if (text.length <= 1) return text.length;
  let surrogatePairs = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) surrogatePairs++;
  }
  return text.length - surrogatePairs;
}

/** C0 controls other than tab, CR and LF, and DEL: never part of a name. */
export const CONTROL_CHARACTER = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/;
