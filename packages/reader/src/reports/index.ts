import { birthsByCountryCounty } from './births_by_country_county.ts';
import { birthsByDecade } from './births_by_decade.ts';
import { peopleExport } from './people_export.ts';
import { peoplePerPlace } from './people_per_place.ts';
import { summary } from './summary.ts';
import type { ReportDefinition } from './types.ts';

export * from './types.ts';

/** The registry: one line per report, in the order they run and are listed. */
export const REPORTS: readonly ReportDefinition[] = [
  summary,
  birthsByCountryCounty,
  birthsByDecade,
  peoplePerPlace,
  peopleExport,
];

// A Map, not an object: names like '__proto__' or 'constructor' must not resolve.
const BY_NAME = new Map(REPORTS.map((report) => [report.name, report]));

export function findReport(name: string): ReportDefinition | undefined {
  return BY_NAME.get(name);
}
