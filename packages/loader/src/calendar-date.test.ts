import { describe, expect, it } from 'vitest';
import { calendarDateProblem } from './calendar-date.ts';

describe('calendarDateProblem', () => {
  it.each([
    ['an ordinary date', '1980-01-02'],
    ['29 February of a year divisible by 400', '2000-02-29'],
    ['29 February of a year divisible by 4', '2024-02-29'],
    ['the last day of a 31-day month', '1999-12-31'],
    ['the last day of a 30-day month', '1999-04-30'],
    ['28 February of a common year', '1999-02-28'],
    ['the first date MySQL can store', '1000-01-01'],
    ['the last date MySQL can store', '9999-12-31'],
  ])('accepts %s (%s)', (_name, text) => {
    expect(calendarDateProblem(text)).toBeUndefined();
  });

  it.each([
    ['29 February of a century year not divisible by 400', '1900-02-29'],
    ['29 February of a common year', '2023-02-29'],
    ['30 February', '1999-02-30'],
    ['31 April', '1999-04-31'],
    ['a 13th month', '1999-13-01'],
    ['month 00', '1999-00-10'],
    ['day 00', '1999-01-00'],
    ['day 32', '1999-01-32'],
    ['a two-digit year', '99-01-01'],
    ['a year before 1000, outside the DATE range', '0999-12-31'],
    ['year 0000', '0000-01-01'],
    ['a five-digit year', '10000-01-01'],
    ['single-digit month and day', '1999-1-2'],
    ['a leading space', ' 1999-01-02'],
    ['a trailing space', '1999-01-02 '],
    ['a trailing newline', '1999-01-02\n'],
    ['a day-first date', '02/03/1999'],
    ['slashes as separators', '1999/01/02'],
    ['no separators', '19990102'],
    ['a date with a time', '1999-01-02T00:00:00'],
    ['full-width digits', '１９９９-０１-０２'],
    ['an empty string', ''],
    ['words', 'yesterday'],
  ])('rejects %s (%j)', (_name, text) => {
    expect(calendarDateProblem(text)).toEqual(expect.any(String));
  });

  it('says why a date is not a calendar date', () => {
    expect(calendarDateProblem('1999-02-30')).toMatch(/calendar date|no such day/);
    expect(calendarDateProblem('1999-13-01')).toMatch(/month/);
    expect(calendarDateProblem('99-01-01')).toMatch(/YYYY-MM-DD/);
    expect(calendarDateProblem('0999-12-31')).toMatch(/1000/);
  });
});
