export { runLoad, type LoadSummary } from './load.ts';
export { readLoaderConfig, loaderEnvSpec, type LoaderConfig } from './config.ts';
export { CsvSource, type CsvRecord } from './csv-source.ts';
export { mapHeader, type ColumnLayout } from './header.ts';
export {
  toPerson,
  toPlace,
  type PersonRow,
  type PlaceRow,
  type Reject,
  type RejectCode,
  type RecordShape,
} from './to-row.ts';
export { PlaceIndex } from './place-index.ts';
export { placeKey } from './place-key.ts';
export { PEOPLE_FILE, PLACES_FILE, MAX_TEXT_LENGTH, type FileSpec } from './files.ts';
export { decodeUtf8, fieldText, type FieldEncoding } from './field-text.ts';
export { calendarDateProblem } from './calendar-date.ts';
export { escapeInfileValue } from './infile-text.ts';
