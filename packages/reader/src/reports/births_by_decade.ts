import type { ReportDefinition } from './types.ts';

/**
 * Read from people_counts, whose decade is YEAR(date_of_birth) DIV 10 * 10 (an integer, as
 * the loader and migration 0002 count it), never from people itself. CAST: SUM of an
 * integer column is a DECIMAL, which mysql2 returns as a string.
 */
export const birthsByDecade: ReportDefinition = {
  name: 'births_by_decade',
  description: 'People born in each decade (1840 = 1840-1849), decades with nobody left out',
  sql: `
    SELECT c.decade AS decade, CAST(SUM(c.people) AS UNSIGNED) AS people
    FROM people_counts AS c
    GROUP BY c.decade
    ORDER BY c.decade ASC`,
  columns: ['decade', 'people'],
  shape: 'rows',
  defaultFormat: 'json',
};
