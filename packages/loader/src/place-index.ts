import type { PlaceRow, Reject } from './to-row.ts';
import { show } from './to-row.ts';
import { placeKey } from './place-key.ts';

export type PlaceOutcome =
  | { kind: 'added'; id: number }
  | { kind: 'duplicate'; firstLine: number }
  | { kind: 'conflict'; reject: Reject };

/**
 * The places of one load, by city as the database compares it (placeKey: trailing spaces
 * do not count), so a city the unique index would refuse is caught here, in the stream. Ids are given in file order, 1..N, so that a load of
 * the same file always produces the same ids (and the same as the pure-SQL loader).
 */
export class PlaceIndex {
  readonly ids = new Map<string, number>();
  private readonly entries = new Map<string, { row: PlaceRow; line: number }>();

  add(row: PlaceRow, line: number): PlaceOutcome {
    const key = placeKey(row.city);
    const first = this.entries.get(key);
    if (first === undefined) {
      const id = this.ids.size + 1;
      this.entries.set(key, { row, line });
      this.ids.set(key, id);
      return { kind: 'added', id };
    }
    if (placeKey(first.row.county) === placeKey(row.county) && placeKey(first.row.country) === placeKey(row.country)) {
      return { kind: 'duplicate', firstLine: first.line };
    }
    return {
      kind: 'conflict',
      reject: {
        code: 'PLACE_CONFLICT',
        reason:
          `city ${show(row.city)} is already in ${show(first.row.county)}, ${show(first.row.country)} ` +
          `(line ${first.line}); this row says ${show(row.county)}, ${show(row.country)}`,
      },
    };
  }

  get size(): number {
    return this.ids.size;
  }
}
