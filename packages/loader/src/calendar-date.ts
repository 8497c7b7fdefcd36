const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const DIGIT_POSITIONS = [0, 1, 2, 3, 5, 6, 8, 9];

/**
 * Why `text` is not a loadable DATE, or undefined when it is a real calendar date as
 * YYYY-MM-DD within MySQL's supported DATE range (1000-01-01 to 9999-12-31).
 * (Checked by character codes: this runs for every row of a load.)
 */
export function calendarDateProblem(text: string): string | undefined {
  if (text.length !== 10 || text.charCodeAt(4) !== 0x2d || text.charCodeAt(7) !== 0x2d)
    return 'is not a date as YYYY-MM-DD';
  for (const at of DIGIT_POSITIONS) {
    const code = text.charCodeAt(at);
    if (code < 0x30 || code > 0x39) return 'is not a date as YYYY-MM-DD';
  }
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 7);
  const day = digits(text, 8, 10);
  if (year < 1000) return 'is before year 1000, outside the DATE range';
  if (month < 1 || month > 12) return 'has no such month';
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!;
  if (day < 1 || day > days) return 'is not a calendar date (no such day in that month)';
  return undefined;
}

function digits(text: string, from: number, to: number): number {
  let value = 0;
  for (let i = from; i < to; i++) value = value * 10 + text.charCodeAt(i) - 0x30;
  return value;
}
