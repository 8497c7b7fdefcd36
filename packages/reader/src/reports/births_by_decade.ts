import type { ReportDefinition } from './types.ts';

export const birthsByDecade: ReportDefinition = {
  name: 'births_by_decade',
  description: 'People born in each decade (1840 = 1840-1849), decades with nobody left out',
  // DIV keeps the decade an integer (YEAR()/10 would be a DECIMAL, which mysql2 returns as a string).
  sql: `
    SELECT YEAR(date_of_birth) DIV 10 * 10 AS decade, COUNT(*) AS people
    FROM people
    GROUP BY decade
    ORDER BY decade ASC`,
  columns: ['decade', 'people'],
  shape: 'rows',
  defaultFormat: 'json',
};
