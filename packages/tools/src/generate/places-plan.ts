import { RollcallError } from '@rollcall/shared';
import type { CatalogPlace } from './places-catalog.ts';
import type { Random } from './random.ts';

export type PlaceRowKind = 'place' | 'duplicate-place' | 'conflicting-place';

export interface PlaceRow {
  readonly city: string;
  readonly county: string;
  readonly country: string;
  readonly kind: PlaceRowKind;
}

export interface PlacesPlan {
  /** The distinct places, in the order of their first row. */
  readonly places: readonly CatalogPlace[];
  /** How often people are born in each place, relative; 0 for a place with a conflicting row. */
  readonly weights: readonly number[];
  /** places.csv in file order: the places, and the duplicate and conflicting rows after their originals. */
  readonly rows: readonly PlaceRow[];
}

/**
 * Chooses `count` places from the catalog — round-robin over countries, so a small count
 * still spans many of them — keeps them in catalog order, and inserts `duplicates` exact
 * repeats and `conflicts` rows that reuse a city with another county and country, each
 * somewhere after its original.
 *
 * Nobody is born in a city with a conflicting row: whether the loader keeps the first
 * row or rejects both, the people it loads, and so the expected summary, stay the same.
 */
export function planPlaces(
  catalog: readonly CatalogPlace[],
  counts: { places: number; duplicates: number; conflicts: number },
  random: Random,
): PlacesPlan {
  if (counts.conflicts >= counts.places) {
    throw new RollcallError(
      'USAGE',
      `--bad conflicting-place asks for ${counts.conflicts} conflicts among ` +
        `${counts.places} places: at least one place must stay free of conflicts`,
    );
  }
  const chosen = interleaveByCountry(catalog, random)
    .slice(0, counts.places)
    .sort((a, b) => a - b);
  const places = chosen.map((i) => catalog[i]!);
  const order = shuffle(
    places.map((_, i) => i),
    random,
  );
  const conflicted = new Set(order.slice(0, counts.conflicts));
  const clean = order.slice(counts.conflicts);
  const weights = places.map((_, i) => (conflicted.has(i) ? 0 : Math.exp(3 * random.next())));

  const rows: PlaceRow[] = places.map((p) => ({ city: p.city, county: p.county, country: p.country, kind: 'place' }));
  const insertAfterOriginal = (row: PlaceRow): void => {
    const original = rows.findIndex((r) => r.city === row.city);
    rows.splice(original + 1 + random.int(rows.length - original), 0, row);
  };
  for (const i of conflicted) {
    const place = places[i]!;
    let other = random.pick(catalog);
    while (other.country === place.country && other.county === place.county) other = random.pick(catalog);
    insertAfterOriginal({ city: place.city, county: other.county, country: other.country, kind: 'conflicting-place' });
  }
  for (let d = 0; d < counts.duplicates; d++) {
    const place = places[clean[d % clean.length]!]!;
    insertAfterOriginal({ city: place.city, county: place.county, country: place.country, kind: 'duplicate-place' });
  }
  return { places, weights, rows };
}

/** Catalog indexes: each country's places shuffled, then dealt one country at a time. */
function interleaveByCountry(catalog: readonly CatalogPlace[], random: Random): number[] {
  const byCountry = new Map<string, number[]>();
  catalog.forEach((place, i) => {
    byCountry.set(place.country, [...(byCountry.get(place.country) ?? []), i]);
  });
  const decks = [...byCountry.values()].map((deck) => shuffle(deck, random));
  const dealt: number[] = [];
  for (let round = 0; dealt.length < catalog.length; round++) {
    for (const deck of decks) if (round < deck.length) dealt.push(deck[round]!);
  }
  return dealt;
}

function shuffle<T>(items: T[], random: Random): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}
