import type { Random } from './random.ts';

/** The kinds of bad people rows, each one a reason the loader rejects a row for. */
export const PEOPLE_BAD_KINDS = [
  'empty-field',
  'bad-date-format',
  'impossible-date',
  'unknown-place',
  'field-count',
  'invalid-utf8',
  'too-long',
  'control-char',
] as const;

/** Places rows the loader does not load: an exact repeat (dropped and counted) and a conflict (rejected). */
export const PLACES_BAD_KINDS = ['duplicate-place', 'conflicting-place'] as const;

export type PeopleBadKind = (typeof PEOPLE_BAD_KINDS)[number];
export type PlacesBadKind = (typeof PLACES_BAD_KINDS)[number];
export type BadKind = PeopleBadKind | PlacesBadKind;
export const BAD_KINDS: readonly BadKind[] = [...PEOPLE_BAD_KINDS, ...PLACES_BAD_KINDS];

export function isBadKind(kind: string): kind is BadKind {
  return (BAD_KINDS as readonly string[]).includes(kind);
}

/** The fraction of rows of each kind asked for: `bad[kind]` if given, else an equal share of `badFraction`. */
export function kindFractions(
  badFraction: number,
  bad: Partial<Record<BadKind, number>>,
): Partial<Record<BadKind, number>> {
  const shared = badFraction / PEOPLE_BAD_KINDS.length;
  return { ...Object.fromEntries(PEOPLE_BAD_KINDS.map((kind) => [kind, shared])), ...bad };
}

/**
 * How many rows of each kind, out of `rows`: exact, not drawn, so that a fraction F gives
 * round(F × rows) bad rows in all however it is split. The whole counts go first, the
 * rows left over to the kinds with the largest remainders (ties in the order of `kinds`).
 */
export function badCounts<K extends string>(
  rows: number,
  kinds: readonly K[],
  fractions: Partial<Record<K, number>>,
): Record<K, number> {
  const ideal = kinds.map((kind) => rows * (fractions[kind] ?? 0));
  const counts = ideal.map(Math.floor);
  const total = Math.min(rows, Math.round(ideal.reduce((a, b) => a + b, 0)));
  const byRemainder = kinds.map((_, i) => i).sort((a, b) => ideal[b]! - counts[b]! - (ideal[a]! - counts[a]!) || a - b);
  for (let extra = total - counts.reduce((a, b) => a + b, 0), i = 0; extra > 0; extra--, i++) {
    counts[byRemainder[i % kinds.length]!]! += 1;
  }
  return Object.fromEntries(kinds.map((kind, i) => [kind, counts[i]!])) as Record<K, number>;
}

/**
 * Decides, row by row, which rows are bad and of which kind, so that exactly `counts[kind]`
 * of the `rows` are, at uniformly random positions, in constant memory: selection sampling
 * (Knuth, TAOCP vol. 2, Algorithm S) — row i is bad with probability (bad rows still to
 * place) / (rows still to come), and its kind is drawn in proportion to what each kind has left.
 */
export function createBadRowPicker<K extends string>(
  rows: number,
  counts: Record<K, number>,
  random: Random,
): () => K | undefined {
  const kinds = Object.keys(counts) as K[];
  const left = kinds.map((kind) => counts[kind]);
  let badLeft = left.reduce((a, b) => a + b, 0);
  let rowsLeft = rows;
  return () => {
    rowsLeft--;
    if (badLeft === 0 || random.next() * (rowsLeft + 1) >= badLeft) return undefined;
    let k = random.int(badLeft);
    let i = 0;
    while (k >= left[i]!) k -= left[i++]!;
    left[i]!--;
    badLeft--;
    return kinds[i];
  };
}
