import { calendarDateProblem } from './calendar-date.ts';
import { characterLength, CONTROL_CHARACTER, fieldText, type FieldEncoding } from './field-text.ts';
import { MAX_TEXT_LENGTH, PEOPLE_FILE, PLACES_FILE, type FileSpec } from './files.ts';
import type { ColumnLayout } from './header.ts';
import { placeKey } from './place-key.ts';

export type RejectCode =
  | 'FIELD_COUNT'
  | 'INVALID_UTF8'
  | 'CONTROL_CHAR'
  | 'EMPTY_FIELD'
  | 'TOO_LONG'
  | 'BAD_DATE'
  | 'UNKNOWN_PLACE'
  | 'PLACE_CONFLICT';

/** Why a row was not loaded: a stable code and every problem found, in words. */
export interface Reject {
  code: RejectCode;
  reason: string;
}

export type RowResult<Row> = { ok: true; row: Row } | { ok: false; reject: Reject };

export interface PlaceRow {
  city: string;
  county: string;
  country: string;
}

export interface PersonRow {
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  placeId: number;
}

/** Where a record came from: the number of fields in the header, the column layout, and how its fields are encoded. */
export interface RecordShape {
  width: number;
  layout: ColumnLayout;
  encoding: FieldEncoding;
}

/** Validates one places.csv record (fields encoded as shape.encoding says, see field-text.ts). */
export function toPlace(fields: readonly string[], shape: RecordShape): RowResult<PlaceRow> {
  const read = readValues(fields, shape, PLACES_FILE);
  if ('code' in read) return { ok: false, reject: read };
  if (read.problems.length > 0) return { ok: false, reject: toReject(read.problems) };
  const [city, county, country] = read.values as [string, string, string];
  return { ok: true, row: { city, county, country } };
}

/**
 * Validates one people.csv record and resolves its place to a places id. `placeIds` is
 * keyed by placeKey(city), the database's own comparison.
 */
export function toPerson(
  fields: readonly string[],
  shape: RecordShape,
  placeIds: ReadonlyMap<string, number>,
): RowResult<PersonRow> {
  const read = readValues(fields, shape, PEOPLE_FILE);
  if ('code' in read) return { ok: false, reject: read };
  const { values, problems } = read;
  const [givenName, familyName, dateOfBirth, place] = values;
  if (dateOfBirth !== undefined) {
    const dateProblem = calendarDateProblem(dateOfBirth);
    if (dateProblem) problems.push(['BAD_DATE', `date_of_birth ${show(dateOfBirth)} ${dateProblem}`]);
  }
  const placeId = place === undefined ? undefined : placeIds.get(placeKey(place));
  if (place !== undefined && placeId === undefined) {
    problems.push(['UNKNOWN_PLACE', `place_of_birth ${show(place)} is not a city in places.csv`]);
  }
  if (problems.length > 0) return { ok: false, reject: toReject(problems) };
  return {
    ok: true,
    row: { givenName: givenName!, familyName: familyName!, dateOfBirth: dateOfBirth!, placeId: placeId! },
  };
}

type Problem = [RejectCode, string];

/**
 * The length in characters of a field that is text already (ASCII, or any field of a UTF-8
 * file) and holds no control character (nor tab, CR or LF), or -1 for any other field.
 * One pass over the characters, for every field of a load: such a field needs no decoding
 * and no control-character check, and its length is counted on the way.
 */
function plainLength(raw: string, utf8: boolean): number {
  let highSurrogates = 0;
  for (let i = 0; i < raw.length; i++) {
    const code = raw.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return -1;
    if (code >= 0x80) {
      if (!utf8) return -1;
      if (code >= 0xd800 && code <= 0xdbff) highSurrogates++;
    }
  }
  return raw.length - highSurrogates;
}

/** A first character that is printable ASCII and not a space: the field cannot be all white space. */
function startsWithVisibleAscii(raw: string): boolean {
  const first = raw.charCodeAt(0);
  return first > 0x20 && first < 0x7f;
}

/**
 * The required fields as text, each undefined where it has a problem, with every problem
 * found; or a FIELD_COUNT reject, when the fields cannot be matched to columns at all.
 */
function readValues(
  fields: readonly string[],
  shape: RecordShape,
  spec: FileSpec,
): Reject | { values: (string | undefined)[]; problems: Problem[] } {
  if (fields.length !== shape.width) {
    return {
      code: 'FIELD_COUNT',
      reason: `has ${fields.length} field${fields.length === 1 ? '' : 's'}, the header has ${shape.width}`,
    };
  }
  const values: (string | undefined)[] = [];
  const problems: Problem[] = [];
  const utf8 = shape.encoding === 'utf8';
  for (let i = 0; i < shape.layout.length; i++) {
    const raw = fields[shape.layout[i]!]!;
    // Most fields are plain text of 1-100 characters that is not all white space: taken as they are.
    const length = plainLength(raw, utf8);
    if (length > 0 && length <= MAX_TEXT_LENGTH && (startsWithVisibleAscii(raw) || raw.trim() !== '')) {
      values.push(raw);
      continue;
    }
    const text = fieldText(raw, shape.encoding);
    const problem = textProblem(text, spec.columns[i]!);
    if (problem) problems.push(problem);
    values.push(problem ? undefined : text);
  }
  return { values, problems };
}

function textProblem(text: string | undefined, column: string): Problem | undefined {
  if (text === undefined) return ['INVALID_UTF8', `${column} is not valid UTF-8`];
  const control = CONTROL_CHARACTER.exec(text);
  if (control) {
    const code = control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    return ['CONTROL_CHAR', `${column} contains control character U+${code}`];
  }
  if (text.trim() === '') return ['EMPTY_FIELD', `${column} is empty`];
  const length = characterLength(text);
  if (length > MAX_TEXT_LENGTH)
    return ['TOO_LONG', `${column} is ${length} characters, longer than ${MAX_TEXT_LENGTH}`];
  return undefined;
}

function toReject(problems: Problem[]): Reject {
  return { code: problems[0]![0], reason: problems.map(([, message]) => message).join('; ') };
}

/** A value quoted for a message, shortened so that a huge field does not flood it. */
export function show(value: string): string {
  const shown = value.length > 60 ? `${value.slice(0, 57)}...` : value;
  return JSON.stringify(shown);
}
