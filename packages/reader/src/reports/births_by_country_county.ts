import type { ReportDefinition } from './types.ts';

/** Read from people_counts (people per place and decade), never from people itself. */
export const birthsByCountryCounty: ReportDefinition = {
  name: 'births_by_country_county',
  description: 'People born in each county of each country (counties with nobody are left out)',
  sql: `
    SELECT pl.country AS country, pl.county AS county, CAST(SUM(c.people) AS UNSIGNED) AS people
    FROM people_counts AS c
    JOIN places AS pl ON pl.id = c.place_id
    GROUP BY pl.country, pl.county
    ORDER BY pl.country ASC, pl.county ASC`,
  columns: ['country', 'county', 'people'],
  shape: 'rows',
  defaultFormat: 'json',
};
