import { describe, expect, it } from 'vitest';
import { isSettled } from './settle.ts';

describe('settling the server between steps', () => {
  it.each([
    [0, 8192, true],
    [81, 8192, true],
    [82, 8192, false],
    [6000, 8192, false],
    [40, 1000, true],
    [1000, 100_000, true],
    [1001, 100_000, false],
  ])('with %i of %i pages dirty at the first look: settled %s', (dirty, total, settled) => {
    expect(isSettled(dirty, total)).toBe(settled);
  });

  it('waits while the server is writing pages back, and stops once the count stalls', () => {
    expect(isSettled(3000, 8192, 4000)).toBe(false);
    expect(isSettled(456, 8192, 456)).toBe(true);
    expect(isSettled(500, 8192, 456)).toBe(true);
  });
});
