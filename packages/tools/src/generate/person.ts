import { DATES } from './dates.ts';
import { CULTURES, type Culture } from './names-catalog.ts';
import type { CatalogPlace } from './places-catalog.ts';
import type { Random } from './random.ts';

/** Shares of the rows of a culture that has them: `William "Bill"` and `Smith, Jr.` need CSV quoting. */
const NICKNAME_SHARE = 0.005;
const SUFFIX_SHARE = 0.01;

export interface Person {
  given: string;
  family: string;
  date: string;
  /** Index into the places of the plan. */
  place: number;
}

/**
 * Makes one valid person at a time: a place drawn by weight, a sex, names of that place's
 * culture (family names in the form for that sex), a uniformly drawn date of birth.
 */
export function createPersonMaker(
  places: readonly CatalogPlace[],
  weights: readonly number[],
  random: Random,
): () => Person {
  const cultures = places.map((place) => {
    const culture = CULTURES[place.culture];
    if (!culture) throw new Error(`places catalog names an unknown culture: ${place.culture}`);
    return culture;
  });
  const pickPlace = weightedPicker(weights, random);
  const nicknames = new Map<Culture, Map<string, string>>(
    Object.values(CULTURES).map((c) => [c, new Map(Object.entries(c.nicknames))]),
  );

  return () => {
    const place = pickPlace();
    const culture = cultures[place]!;
    const female = random.next() < 0.5;
    let given = random.pick(female ? culture.female : culture.male);
    const families = female ? culture.familyFemale : culture.familyMale;
    let family = random.pick(families);
    if (culture.doubleBarrel > 0 && random.chance(culture.doubleBarrel)) {
      const second = random.pick(families);
      if (second !== family) family = `${family}-${second}`;
    }
    const nickname = nicknames.get(culture)!.get(given);
    if (nickname !== undefined && random.chance(NICKNAME_SHARE)) given = `${given} "${nickname}"`;
    if (culture.suffixes.length > 0 && random.chance(SUFFIX_SHARE))
      family = `${family}, ${random.pick(culture.suffixes)}`;
    return { given, family, date: random.pick(DATES), place };
  };
}

/** Returns indexes with probability proportional to their weight (binary search over running totals). */
export function weightedPicker(weights: readonly number[], random: Random): () => number {
  const totals = new Float64Array(weights.length);
  let sum = 0;
  weights.forEach((w, i) => {
    sum += w;
    totals[i] = sum;
  });
  if (!(sum > 0)) throw new Error('weightedPicker needs at least one positive weight');
  return () => {
    const target = random.next() * sum;
    let lo = 0;
    let hi = totals.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (totals[mid]! > target) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
}
