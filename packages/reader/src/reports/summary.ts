import type { ReportDefinition } from './types.ts';

/**
 * Births by country, in the public sample's shape: {"Scotland":8048,"Northern Ireland":1952}.
 * Keys by count descending, then by name in binary (code point) order: the tables are
 * utf8mb4_bin, so equal counts always come out in the same order. Read from people_counts
 * (people per place and decade, a few thousand rows), never from people itself.
 */
export const summary: ReportDefinition = {
  name: 'summary',
  description: 'People born in each country, as one JSON object (the public sample_output.json)',
  sql: `
    SELECT pl.country AS country, CAST(SUM(c.people) AS UNSIGNED) AS people
    FROM people_counts AS c
    JOIN places AS pl ON pl.id = c.place_id
    GROUP BY pl.country
    ORDER BY people DESC, pl.country ASC`,
  columns: ['country', 'people'],
  shape: 'object',
  defaultFormat: 'json',
  fileNames: { json: 'summary_output.json' },
};
