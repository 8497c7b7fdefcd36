import { describe, expect, it } from 'vitest';
import { formatDuration, progressFigures } from './progress-figures.ts';

describe('progress figures', () => {
  it.each([
    // done, total, rows, elapsedMs → percent, elapsedS, etaS, rowsPerSecond
    [0, 1000, 0, 0, 0, 0, null, 0],
    [0, 1000, 0, 5000, 0, 5, null, 0],
    [250, 1000, 2500, 5000, 25, 5, 15, 500],
    [500, 1000, 10_000, 10_000, 50, 10, 10, 1000],
    [999, 1000, 1, 1000, 99.9, 1, 0, 1],
    [1000, 1000, 40, 2000, 100, 2, 0, 20],
    [1, 3, 3, 1000, 33.3, 1, 2, 3],
    [2, 3, 3, 1000, 66.6, 1, 1, 3],
  ])(
    'at %d of %d (%d rows, %d ms): %d%%, %ds elapsed, %ss left, %d rows/s',
    (done, total, rows, elapsedMs, percent, elapsedS, etaS, rowsPerSecond) => {
      expect(progressFigures({ done, total, rows, elapsedMs })).toEqual({ percent, elapsedS, etaS, rowsPerSecond });
    },
  );

  it('never says 100% before the last byte, nor more than 100% after it', () => {
    expect(progressFigures({ done: 999_999, total: 1_000_000, rows: 1, elapsedMs: 1 }).percent).toBe(99.9);
    expect(progressFigures({ done: 1_200, total: 1_000, rows: 1, elapsedMs: 1 })).toMatchObject({
      percent: 100,
      etaS: 0,
    });
  });

  it('counts an empty total as done', () => {
    expect(progressFigures({ done: 0, total: 0, rows: 0, elapsedMs: 10 })).toMatchObject({ percent: 100, etaS: null });
  });

  it('estimates the time left from the average rate so far', () => {
    // 10 % of a 10 GB file in 30 s: 270 s left at that rate.
    expect(progressFigures({ done: 1e9, total: 1e10, rows: 1e6, elapsedMs: 30_000 }).etaS).toBe(270);
  });
});

describe('durations for people', () => {
  it.each([
    [null, '?'],
    [0, '0s'],
    [44.6, '45s'],
    [59.4, '59s'],
    [60, '1m 00s'],
    [185, '3m 05s'],
    [3599, '59m 59s'],
    [3600, '1h 00m'],
    [7620, '2h 07m'],
    [Number.POSITIVE_INFINITY, '?'],
  ])('writes %s seconds as %s', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });
});
