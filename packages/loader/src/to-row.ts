import { calendarDateProblem } from './calendar-date.ts';
import { characterLength, CONTROL_CHARACTER, decodeUtf8 } from './field-text.ts';
import { MAX_TEXT_LENGTH, PEOPLE_FILE, PLACES_FILE, type FileSpec } from './files.ts';
import type { ColumnLayout } from './header.ts';

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

/** Where a record came from: the number of fields in the header, and the column layout. */
export interface RecordShape {
  width: number;
  layout: ColumnLayout;
}

/** Validates one places.csv record (fields as byte strings, see field-text.ts). */
export function toPlace(fields: readonly string[], shape: RecordShape): RowResult<PlaceRow> {
  const values = readValues(fields, shape, PLACES_FILE);
  if (!Array.isArray(values)) return { ok: false, reject: values };
  const [city, county, country] = values as [string, string, string];
  return { ok: true, row: { city, county, country } };
}

/** Validates one people.csv record and resolves its place to a places id. */
export function toPerson(
  fields: readonly string[],
  shape: RecordShape,
  placeIds: ReadonlyMap<string, number>,
): RowResult<PersonRow> {
  const values = readValues(fields, shape, PEOPLE_FILE);
  if (!Array.isArray(values)) return { ok: false, reject: values };
  const [givenName, familyName, dateOfBirth, place] = values as [string, string, string, string];
  const problems: Problem[] = [];
  const dateProblem = calendarDateProblem(dateOfBirth);
  if (dateProblem) problems.push(['BAD_DATE', `date_of_birth ${show(dateOfBirth)} ${dateProblem}`]);
  const placeId = placeIds.get(place);
  if (placeId === undefined) problems.push(['UNKNOWN_PLACE', `place_of_birth ${show(place)} is not a city in places.csv`]);
  if (problems.length > 0) return { ok: false, reject: toReject(problems) };
  return { ok: true, row: { givenName, familyName, dateOfBirth, placeId: placeId! } };
}

type Problem = [RejectCode, string];

const NOT_PRINTABLE_ASCII = /[^\x20-\x7e]/;

/** The required fields as text, or the reject listing every problem found in them. */
function readValues(fields: readonly string[], shape: RecordShape, spec: FileSpec): string[] | Reject {
  if (fields.length !== shape.width) {
    return {
      code: 'FIELD_COUNT',
      reason: `has ${fields.length} field${fields.length === 1 ? '' : 's'}, the header has ${shape.width}`,
    };
  }
  const values: string[] = [];
  const problems: Problem[] = [];
  for (let i = 0; i < shape.layout.length; i++) {
    const column = spec.columns[i]!;
    const raw = fields[shape.layout[i]!]!;
    // Most fields are short printable ASCII: one test settles them.
    if (raw.length > 0 && raw.length <= MAX_TEXT_LENGTH && !NOT_PRINTABLE_ASCII.test(raw) && raw.charCodeAt(0) !== 0x20) {
      values.push(raw);
      continue;
    }
    const text = decodeUtf8(raw);
    if (text === undefined) {
      problems.push(['INVALID_UTF8', `${column} is not valid UTF-8`]);
    } else if (CONTROL_CHARACTER.test(text)) {
      const code = text.match(CONTROL_CHARACTER)![0].charCodeAt(0);
      problems.push(['CONTROL_CHAR', `${column} contains control character U+${code.toString(16).toUpperCase().padStart(4, '0')}`]);
    } else if (text.trim() === '') {
      problems.push(['EMPTY_FIELD', `${column} is empty`]);
    } else if (text.length > MAX_TEXT_LENGTH && characterLength(text) > MAX_TEXT_LENGTH) {
      problems.push(['TOO_LONG', `${column} is ${characterLength(text)} characters, longer than ${MAX_TEXT_LENGTH}`]);
    }
    values.push(text ?? '');
  }
  return problems.length > 0 ? toReject(problems) : values;
}

function toReject(problems: Problem[]): Reject {
  return { code: problems[0]![0], reason: problems.map(([, message]) => message).join('; ') };
}

/** A value quoted for a message, shortened so that a huge field does not flood it. */
export function show(value: string): string {
  const shown = value.length > 60 ? `${value.slice(0, 57)}...` : value;
  return JSON.stringify(shown);
}
