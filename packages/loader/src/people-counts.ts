/**
 * People counted per place and decade of birth while people.csv streams: what the loader
 * writes into people_counts_next beside people_next, for the reader's default reports.
 * Counted from exactly the rows handed to the people writer, so the two tables agree;
 * the server's side is checked before the swap (staging-counts.ts).
 */
export class PeopleCounts {
  /**
   * One cell per place id and decade, when the places are few enough (the usual case: the
   * generated data has 244): an increment per row, about as cheap as not counting at all.
   * Place ids are 1..N in file order (place-index.ts), so the grid has no holes to speak of.
   */
  private readonly grid: Uint32Array | undefined;
  /** Otherwise keyed by place id × DECADES + decade index: one Map lookup per row, about 25 ns. */
  private readonly map = new Map<number, number>();
  /** People counted so far: the sum of every count. */
  total = 0;

  /** `places`: the highest place id a person can have. */
  constructor(places: number, gridCells = MAX_GRID_CELLS) {
    const cells = (places + 1) * DECADES;
    this.grid = cells <= gridCells ? new Uint32Array(cells) : undefined;
  }

  /** One accepted person; `dateOfBirth` is a checked YYYY-MM-DD from year 1000 (calendar-date.ts). */
  add(placeId: number, dateOfBirth: string): void {
    const cell = placeId * DECADES + decadeIndex(dateOfBirth);
    if (this.grid) this.grid[cell]!++;
    else this.map.set(cell, (this.map.get(cell) ?? 0) + 1);
    this.total++;
  }

  /** The rows of people_counts (place_id, decade, people), in primary-key order. */
  rows(): [placeId: number, decade: number, people: number][] {
    const rows: [number, number, number][] = [];
    const row = (cell: number, people: number) =>
      rows.push([Math.floor(cell / DECADES), (FIRST_DECADE + (cell % DECADES)) * 10, people]);
    if (this.grid) {
      this.grid.forEach((people, cell) => {
        if (people > 0) row(cell, people);
      });
    } else {
      for (const cell of [...this.map.keys()].sort((a, b) => a - b)) row(cell, this.map.get(cell)!);
    }
    return rows;
  }
}

/** Years 1000-9999, the range a DATE holds and the loader accepts: decades 100..999 (× 10). */
const FIRST_DECADE = 100;
const DECADES = 900;
/** 16 MB of counters at most: up to about 4,600 places; more take the Map. */
const MAX_GRID_CELLS = 1 << 22;

/** The year's first three digits less 100 (1842 → 84), read from the character codes: this runs for every row. */
function decadeIndex(date: string): number {
  return (date.charCodeAt(0) - 48) * 100 + (date.charCodeAt(1) - 48) * 10 + (date.charCodeAt(2) - 48) - FIRST_DECADE;
}
