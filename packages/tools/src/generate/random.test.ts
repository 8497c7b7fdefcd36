import { describe, expect, it } from 'vitest';
import { createRandom } from './random.ts';

const draw = (seed: number, stream: string, n = 8) => {
  const random = createRandom(seed, stream);
  return Array.from({ length: n }, () => random.next());
};

describe('seeded random streams', () => {
  it('repeats the same sequence for the same seed and stream', () => {
    expect(draw(42, 'people')).toEqual(draw(42, 'people'));
  });

  it('gives unrelated sequences for neighbouring seeds and for other streams', () => {
    expect(draw(42, 'people')).not.toEqual(draw(43, 'people'));
    expect(draw(42, 'people')).not.toEqual(draw(42, 'places'));
    expect(draw(2 ** 40, 'people')).not.toEqual(draw(2 ** 40 + 1, 'people'));
  });

  it('draws floats in [0, 1) and integers in [0, n), spread evenly', () => {
    const random = createRandom(7, 'test');
    const buckets = new Array<number>(10).fill(0);
    let [min, max] = [1, 0];
    for (let i = 0; i < 100_000; i++) {
      const x = random.next();
      [min, max] = [Math.min(min, x), Math.max(max, x)];
      buckets[random.int(10)]!++;
    }
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    for (const count of buckets) expect(Math.abs(count - 10_000)).toBeLessThan(500);
  });
});
