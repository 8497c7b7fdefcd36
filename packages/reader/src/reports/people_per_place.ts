import type { ReportDefinition } from './types.ts';

/**
 * Read from people_counts (people per place and decade, summed per place), never from people
 * itself. The CAST outside COALESCE: SUM is a DECIMAL, which mysql2 returns as a string.
 */
export const peoplePerPlace: ReportDefinition = {
  name: 'people_per_place',
  description: 'Every place with the number of people born there, including places with nobody (0)',
  sql: `
    SELECT pl.id AS place_id, pl.city AS city, pl.county AS county, pl.country AS country,
           CAST(COALESCE(c.people, 0) AS UNSIGNED) AS people
    FROM places AS pl
    LEFT JOIN (SELECT place_id, SUM(people) AS people FROM people_counts GROUP BY place_id) AS c
      ON c.place_id = pl.id
    ORDER BY pl.id ASC`,
  columns: ['place_id', 'city', 'county', 'country', 'people'],
  shape: 'rows',
  defaultFormat: 'json',
};
