import { describe, expect, it } from 'vitest';
import { PeopleCounts } from './people-counts.ts';

const PEOPLE = [
  [2, '1849-12-31'],
  [1, '1840-01-01'],
  [1, '1849-12-31'],
  [1, '1850-01-01'],
  [2, '1000-01-01'],
  [2, '9999-12-31'],
  [7000, '1901-02-03'],
] as const;

describe('the people counted per place and decade while people.csv streams', () => {
  it.each([
    ['in a grid of counters, for few places', 7000, 7001 * 900],
    ['in a Map, for more places than the grid may hold', 7000, 100],
  ])(
    'counts each person once under their place and decade, YEAR DIV 10 * 10 as the reader reports it (%s)',
    (_how, places, gridCells) => {
      const counts = new PeopleCounts(places, gridCells);
      for (const [place, date] of PEOPLE) counts.add(place, date);
      expect(counts.rows()).toEqual([
        [1, 1840, 2],
        [1, 1850, 1],
        [2, 1000, 1],
        [2, 1840, 1],
        [2, 9990, 1],
        [7000, 1900, 1],
      ]);
      expect(counts.total).toBe(7);
    },
  );

  it('has no rows before the first person', () => {
    expect(new PeopleCounts(10).rows()).toEqual([]);
    expect(new PeopleCounts(10, 1).rows()).toEqual([]);
  });
});
