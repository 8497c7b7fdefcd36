import type { PeopleBadKind } from './bad-rows.ts';
import { FIRST_YEAR, LAST_YEAR, isLeapYear } from './dates.ts';
import type { Random } from './random.ts';

/** A bad row: its fields, and raw bytes to put where INVALID_UTF8_MARK stands, if any. */
export interface BadRow {
  fields: string[];
  invalidBytes?: Buffer;
}

/** A private-use character no generated value contains, replaced by raw bytes on the way out. */
export const INVALID_UTF8_MARK = '\uE000';

/** Towns of legend and fiction: none is in the catalog. */
const UNKNOWN_PLACES = [
  'Brigadoon',
  'Llareggub',
  'Atlantis',
  'Ruritania',
  'Ankh-Morpork',
  'Lilliput',
  'Hy-Brasil',
  'Tír na nÓg',
  'Θεμίσκυρα',
  'Китеж',
  '桃源郷',
  'Shangri-La',
];

/** Byte sequences no UTF-8 decoder may accept (RFC 3629): stray, overlong, surrogate, truncated, too high. */
const INVALID_UTF8 = [
  [0xff],
  [0x80],
  [0xc3, 0x28],
  [0xc0, 0xaf],
  [0xed, 0xa0, 0x80],
  [0xe2, 0x82],
  [0xf0, 0x9f, 0x98],
  [0xf5, 0x80, 0x80, 0x80],
];

/** C0 controls other than tab, line feed and carriage return, which CSV gives meanings to. */
const CONTROL_CHARS = ['\u0000', '\u0001', '\u0007', '\u0008', '\u000B', '\u000C', '\u001B', '\u001F'];

const MAX_LENGTH = 100;

/** Turns a valid person into a row the loader must reject for exactly one reason: `kind`. */
export function corruptPerson(kind: PeopleBadKind, fields: readonly string[], random: Random): BadRow {
  const row = [...fields];
  const name = random.int(2); // given_name or family_name
  switch (kind) {
    case 'empty-field':
      row[random.int(4)] = '';
      return { fields: row };
    case 'bad-date-format':
      row[2] = malformedDate(row[2]!, random);
      return { fields: row };
    case 'impossible-date':
      row[2] = impossibleDate(row[2]!, random);
      return { fields: row };
    case 'unknown-place':
      row[3] = random.pick(UNKNOWN_PLACES);
      return { fields: row };
    case 'field-count':
      if (random.chance(0.5)) row.splice(random.int(4), 1);
      else row.push(random.pick(['', 'extra', row[3]!]));
      return { fields: row };
    case 'invalid-utf8':
      row[name] = insertAt(row[name]!, INVALID_UTF8_MARK, random);
      return { fields: row, invalidBytes: Buffer.from(random.pick(INVALID_UTF8)) };
    case 'too-long':
      row[name] = tooLong(row[name]!, random);
      return { fields: row };
    case 'control-char':
      row[name] = insertAt(row[name]!, random.pick(CONTROL_CHARS), random);
      return { fields: row };
  }
}

/** The same day written in a shape other than YYYY-MM-DD. */
function malformedDate(date: string, random: Random): string {
  const [y = '', m = '', d = ''] = date.split('-');
  const shapes = [
    `${y}/${m}/${d}`,
    `${d}/${m}/${y}`,
    `${m}/${d}/${y}`,
    `${d}.${m}.${y}`,
    `${y}${m}${d}`,
    `${y.slice(2)}-${m}-${d}`,
    `${y}-${m}-${d}T00:00:00Z`,
    toFullwidth(date),
    `${d} ${MONTHS[Number(m) - 1]} ${y}`,
    `${y}-${Number(m)}-${Number(d)}`,
  ];
  let shape = random.pick(shapes);
  // Unpadded parts are only malformed when a part had a leading zero.
  if (shape === `${y}-${Number(m)}-${Number(d)}` && shape === date) shape = shapes[0]!;
  return shape;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Fullwidth digits (U+FF10…): digits to \p{Nd}, not to [0-9]. */
function toFullwidth(date: string): string {
  return date.replace(/[0-9]/g, (c) => String.fromCodePoint(0xff10 + Number(c)));
}

/** Shaped like YYYY-MM-DD but not a day of the calendar: Feb 29 of a common year, Apr 31, month 13… */
function impossibleDate(date: string, random: Random): string {
  const [y = '', m = '', d = ''] = date.split('-');
  let common = Number(y);
  while (isLeapYear(common)) common = common < LAST_YEAR ? common + 1 : FIRST_YEAR;
  return random.pick([
    `${y}-02-30`,
    `${y}-02-31`,
    `${common}-02-29`,
    '1900-02-29',
    `${y}-04-31`,
    `${y}-06-31`,
    `${y}-09-31`,
    `${y}-11-31`,
    `${y}-13-${d}`,
    `${y}-00-${d}`,
    `${y}-${m}-00`,
    `${y}-${m}-32`,
  ]);
}

/** The name repeated, hyphen-joined, to 101–130 characters (code points, as VARCHAR(100) counts them). */
function tooLong(value: string, random: Random): string {
  const target = MAX_LENGTH + 1 + random.int(30);
  const chars = [...value];
  while (chars.length < target) chars.push('-', ...value);
  const cut = chars.slice(0, target);
  while (cut[cut.length - 1] === '-' || cut[cut.length - 1] === ' ') cut.push(chars[cut.length] ?? 'x');
  return cut.join('');
}

function insertAt(value: string, insert: string, random: Random): string {
  const chars = [...value];
  chars.splice(random.int(chars.length + 1), 0, insert);
  return chars.join('');
}
