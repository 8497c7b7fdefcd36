/**
 * People counted per place and decade of birth while people.csv streams: what the loader
 * writes into people_counts_next beside people_next, for the reader's default reports.
 * Counted from exactly the rows handed to the people writer, so the two tables agree;
 * the server's side is checked before the swap (staging-counts.ts).
 */
export class PeopleCounts {
  /**
   * Keyed by place id × 1000 + year DIV 10 (100..999 for the years 1000-9999 a DATE holds):
   * one integer key, so one Map lookup per row, about 25 ns (a Map of Maps took twice that).
   */
  private readonly counts = new Map<number, number>();
  /** People counted so far: the sum of every count. */
  total = 0;

  /** One accepted person; `dateOfBirth` is a checked YYYY-MM-DD (calendar-date.ts). */
  add(placeId: number, dateOfBirth: string): void {
    const key = placeId * 1000 + decadeIndex(dateOfBirth);
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    this.total++;
  }

  /** The rows of people_counts (place_id, decade, people), in primary-key order. */
  rows(): [placeId: number, decade: number, people: number][] {
    return [...this.counts.keys()]
      .sort((a, b) => a - b)
      .map((key) => [Math.floor(key / 1000), (key % 1000) * 10, this.counts.get(key)!]);
  }
}

/** The year's first three digits (1842 → 184), read from the character codes: this runs for every row. */
function decadeIndex(date: string): number {
  return (date.charCodeAt(0) - 48) * 100 + (date.charCodeAt(1) - 48) * 10 + (date.charCodeAt(2) - 48);
}
