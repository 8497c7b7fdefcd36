/** Dates of birth are drawn uniformly from these days; every one is a real calendar date. */
export const FIRST_YEAR = 1850;
export const LAST_YEAR = 2020;

/**
 * Every day from 1850-01-01 to 2020-12-31 as YYYY-MM-DD (62,459 strings, ~2 MB), built once
 * so that a row's date costs one random index instead of date arithmetic and padding.
 * Leap days come out of the calendar itself: 1852-02-29 is here, 1900-02-29 is not.
 */
export const DATES: readonly string[] = buildDates();

function buildDates(): string[] {
  const dates: string[] = [];
  const last = Date.UTC(LAST_YEAR, 11, 31);
  for (let t = Date.UTC(FIRST_YEAR, 0, 1); t <= last; t += 86_400_000) {
    dates.push(new Date(t).toISOString().slice(0, 10));
  }
  return dates;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}
