import { describe, expect, it } from 'vitest';
import { isRollcallError, type RollcallError } from '@rollcall/shared';
import { PEOPLE_FILE, PLACES_FILE, type FileSpec } from './files.ts';
import { mapHeader } from './header.ts';

function headerError(header: string[], spec: FileSpec = PEOPLE_FILE, file = 'people.csv'): RollcallError {
  try {
    mapHeader(header, spec, file);
  } catch (err) {
    if (isRollcallError(err, 'BAD_HEADER')) return err;
    throw err;
  }
  throw new Error('expected BAD_HEADER');
}

describe('mapHeader', () => {
  it.each([
    ['the documented order', ['city', 'county', 'country'], [0, 1, 2]],
    ['any order', ['country', 'city', 'county'], [1, 2, 0]],
    ['extra columns, which are ignored', ['id', 'city', 'notes', 'county', 'country', 'population'], [1, 3, 4]],
    ['names padded with spaces', [' city ', 'county ', ' country'], [0, 1, 2]],
    ['an extra column named twice', ['city', 'x', 'county', 'x', 'country'], [0, 2, 4]],
  ])('maps columns by name in %s', (_name, header, layout) => {
    expect(mapHeader(header, PLACES_FILE, 'places.csv')).toEqual(layout);
  });

  it('says that lines ended by CR alone read as one header, and shows only its start', () => {
    const oneLine = [
      'given_name',
      'family_name',
      'date_of_birth',
      `place_of_birth${'\rAnn,Smith,1990-01-02,Kelso'.repeat(5000)}`,
    ];
    const err = headerError(oneLine.join(',').split(','));
    expect(err.message).toMatch(/are the lines ended by CR alone\? expected LF or CRLF/);
    expect(err.message.length).toBeLessThan(600);
  });

  it('maps the people columns in the order given_name, family_name, date_of_birth, place_of_birth', () => {
    const header = ['place_of_birth', 'date_of_birth', 'family_name', 'given_name'];
    expect(mapHeader(header, PEOPLE_FILE, 'people.csv')).toEqual([3, 2, 1, 0]);
  });

  it('names the file, line 1, the missing column and the expected list', () => {
    const err = headerError(['given_name', 'family_name', 'place_of_birth']);
    expect(err.context).toMatchObject({ file: 'people.csv', line: 1, missing: ['date_of_birth'] });
    expect(err.context.expected).toEqual(PEOPLE_FILE.columns);
    expect(err.message).toMatch(/people\.csv/);
    expect(err.message).toMatch(/line 1\b/);
    expect(err.message).toMatch(/\bdate_of_birth\b/);
    expect(err.message).toMatch(/given_name,family_name,date_of_birth,place_of_birth/);
  });

  it('names every missing column at once', () => {
    const err = headerError(['city'], PLACES_FILE, 'places.csv');
    expect(err.context).toMatchObject({ file: 'places.csv', line: 1, missing: ['county', 'country'] });
    expect(err.message).toMatch(/places\.csv line 1/);
    expect(err.message).toMatch(/county/);
    expect(err.message).toMatch(/country/);
  });

  it('treats column names as case-sensitive', () => {
    const err = headerError(['City', 'county', 'country'], PLACES_FILE, 'places.csv');
    expect(err.context.missing).toEqual(['city']);
  });

  it('rejects an empty header line', () => {
    const err = headerError([''], PLACES_FILE, 'places.csv');
    expect(err.context.missing).toEqual(['city', 'county', 'country']);
  });

  it('does not recognise a column behind an unstripped byte order mark', () => {
    // The BOM is csv-parse's job (bom: true); a header still carrying it must fail loudly.
    const err = headerError(['\xef\xbb\xbfcity', 'county', 'country'], PLACES_FILE, 'places.csv');
    expect(err.context.missing).toEqual(['city']);
  });

  it.each([
    ['named twice', ['given_name', 'family_name', 'date_of_birth', 'place_of_birth', 'date_of_birth']],
    [
      'named twice once padded with spaces',
      ['given_name', 'family_name', 'date_of_birth', 'place_of_birth', ' date_of_birth '],
    ],
  ])('rejects a required column %s, naming it', (_name, header) => {
    const err = headerError(header);
    expect(err.context).toMatchObject({ file: 'people.csv', line: 1 });
    expect(err.message).toMatch(/people\.csv line 1/);
    expect(err.message).toMatch(/\bdate_of_birth\b/);
  });
});
