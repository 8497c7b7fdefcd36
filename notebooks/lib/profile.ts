import { decodeUtf8 } from '@rollcall/loader';

/**
 * Scripts a name in our data may be written in; a letter of any other script counts as
 * 'Other'. Digits, punctuation and combining marks (scripts Common and Inherited) belong
 * to no script of their own and are not counted.
 */
export const SCRIPTS = [
  'Latin',
  'Greek',
  'Cyrillic',
  'Han',
  'Hiragana',
  'Katakana',
  'Hangul',
  'Armenian',
  'Georgian',
  'Hebrew',
  'Arabic',
  'Syriac',
  'Thaana',
  'Devanagari',
  'Bengali',
  'Gurmukhi',
  'Gujarati',
  'Tamil',
  'Telugu',
  'Kannada',
  'Malayalam',
  'Sinhala',
  'Thai',
  'Lao',
  'Khmer',
  'Myanmar',
  'Tibetan',
  'Mongolian',
  'Ethiopic',
  'Cherokee',
  'Tifinagh',
  'Runic',
  'Ogham',
] as const;
const SCRIPT_PATTERNS = SCRIPTS.map((name) => [name, new RegExp(`\\p{Script=${name}}`, 'u')] as const);
const NEUTRAL = /[\p{Script=Common}\p{Script=Inherited}]/u;
const ASCII_ONLY = /^[\x00-\x7f]*$/;
const ASCII_LETTER = /[A-Za-z]/;
/** Outside the Basic Multilingual Plane: 4 bytes in UTF-8, so the column needs utf8mb4. */
const FOUR_BYTE = /[\u{10000}-\u{10FFFF}]/u;

/** The scripts whose letters appear in `text`. */
export function scriptsIn(text: string): Set<string> {
  const found = new Set<string>();
  if (ASCII_ONLY.test(text)) {
    if (ASCII_LETTER.test(text)) found.add('Latin');
    return found;
  }
  for (const char of text) {
    if (char < '\x80') {
      if (ASCII_LETTER.test(char)) found.add('Latin');
      continue;
    }
    if (NEUTRAL.test(char)) continue;
    found.add(SCRIPT_PATTERNS.find(([, pattern]) => pattern.test(char))?.[0] ?? 'Other');
  }
  return found;
}

export function hasFourByteCharacter(text: string): boolean {
  return FOUR_BYTE.test(text);
}

/** Length in characters (code points), as MySQL counts VARCHAR(n). */
export function characterCount(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

/** What one column holds: fed the raw field of every data record (a byte string, see the loader's field-text.ts). */
export class ColumnProfile {
  readonly column: string;
  values = 0;
  /** Missing (the record is short), or nothing but spaces. */
  empty = 0;
  invalidUtf8 = 0;
  fourByte = 0;
  longest = '';
  longestLength = 0;
  readonly distinct = new Set<string>();
  /** Values in which each script appears. */
  readonly scripts = new Map<string, number>();
  readonly fourByteExamples = new Set<string>();

  constructor(column: string) {
    this.column = column;
  }

  add(raw: string | undefined): void {
    this.values++;
    if (raw === undefined) {
      this.empty++;
      return;
    }
    const text = decodeUtf8(raw);
    if (text === undefined) {
      this.invalidUtf8++;
      return;
    }
    if (text.trim() === '') this.empty++;
    this.distinct.add(text);
    const length = characterCount(text);
    if (length > this.longestLength) {
      this.longest = text;
      this.longestLength = length;
    }
    for (const script of scriptsIn(text)) this.scripts.set(script, (this.scripts.get(script) ?? 0) + 1);
    if (hasFourByteCharacter(text)) {
      this.fourByte++;
      if (this.fourByteExamples.size < 3) this.fourByteExamples.add(text);
    }
  }
}
