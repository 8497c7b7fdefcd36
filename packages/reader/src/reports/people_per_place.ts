import { COUNTS_BY_PLACE_ID } from './counts-by-place-id.ts';
import type { ReportDefinition } from './types.ts';

export const peoplePerPlace: ReportDefinition = {
  name: 'people_per_place',
  description: 'Every place with the number of people born there, including places with nobody (0)',
  sql: `
    SELECT pl.id AS place_id, pl.city AS city, pl.county AS county, pl.country AS country,
           COALESCE(c.people, 0) AS people
    FROM places AS pl
    LEFT JOIN (${COUNTS_BY_PLACE_ID}) AS c ON c.place_id = pl.id
    ORDER BY pl.id ASC`,
  columns: ['place_id', 'city', 'county', 'country', 'people'],
  shape: 'rows',
  defaultFormat: 'json',
};
