import { isUtf8 } from 'node:buffer';

/**
 * Fields arrive from the parser as byte strings (latin1 maps each byte to one char), so
 * that invalid UTF-8 can be detected instead of being silently replaced by U+FFFD.
 */
const NON_ASCII = /[\x80-\xff]/;

/** The field as text, or undefined when its bytes are not valid UTF-8. */
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
