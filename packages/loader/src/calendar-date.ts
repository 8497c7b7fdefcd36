const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Why `text` is not a loadable DATE, or undefined when it is a real calendar date as
 * YYYY-MM-DD within MySQL's supported DATE range (1000-01-01 to 9999-12-31).
 */
export function calendarDateProblem(text: string): string | undefined {
  const match = ISO_DATE.exec(text);
  if (!match) return 'is not a date as YYYY-MM-DD';
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (year < 1000) return 'is before year 1000, outside the DATE range';
  if (month < 1 || month > 12) return 'has no such month';
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!;
  if (day < 1 || day > days) return 'is not a calendar date (no such day in that month)';
  return undefined;
}
