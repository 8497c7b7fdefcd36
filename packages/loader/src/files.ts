/** The two input files, their required columns and the column width they load into. */
export interface FileSpec {
  kind: 'places' | 'people';
  fileName: string;
  columns: readonly string[];
}

export const PLACES_FILE = {
  kind: 'places',
  fileName: 'places.csv',
  columns: ['city', 'county', 'country'],
} as const satisfies FileSpec;

export const PEOPLE_FILE = {
  kind: 'people',
  fileName: 'people.csv',
  columns: ['given_name', 'family_name', 'date_of_birth', 'place_of_birth'],
} as const satisfies FileSpec;

/** Every text column in sql/schema.sql is VARCHAR(100): counted in characters, not bytes. */
export const MAX_TEXT_LENGTH = 100;
