import type { BadKind, PeopleBadKind, PlacesBadKind } from './bad-rows.ts';

/** Past this many line numbers per kind the manifest keeps the count only (huge runs). */
export const MAX_LINES_PER_KIND = 100_000;

export interface BadRowsOfKind {
  count: number;
  /** Physical line numbers in the file (the header is line 1), ascending. */
  lines: number[];
  /** Present and true when there were more than MAX_LINES_PER_KIND lines. */
  linesTruncated?: boolean;
}

export interface GeneratorArguments {
  people: number;
  seed: number;
  places: number;
  badFraction: number;
  bad: Partial<Record<BadKind, number>>;
  crlf: boolean;
  bom: boolean;
}

/**
 * What a run wrote and what loading it must give. `expected` assumes the data contract:
 * a repeated places row is dropped and counted, a conflicting one is rejected (nobody is
 * born in a conflicted city, so the people side holds whichever row the loader keeps),
 * and every bad people row is rejected.
 */
export interface Manifest {
  generator: string;
  /** The command that writes these exact bytes again. */
  command: string;
  seed: number;
  arguments: GeneratorArguments;
  places: FileFacts & { unique: number; bad: Record<PlacesBadKind, BadRowsOfKind> };
  people: FileFacts & { valid: number; bad: Record<PeopleBadKind, BadRowsOfKind> };
  expected: {
    places: { loaded: number; duplicates: number; rejected: number };
    people: { loaded: number; rejected: number };
    /** People born per country among the valid rows, as the reader orders it: count desc, then name. */
    summary: Record<string, number>;
  };
}

interface FileFacts {
  file: string;
  bytes: number;
  sha256: string;
  /** Data rows, header excluded. */
  rows: number;
}

export function recordLine(entry: BadRowsOfKind, line: number): void {
  entry.count++;
  if (entry.lines.length < MAX_LINES_PER_KIND) entry.lines.push(line);
  else entry.linesTruncated = true;
}

export function emptyBadRows<K extends string>(kinds: readonly K[]): Record<K, BadRowsOfKind> {
  const entries = kinds.map((kind): [K, BadRowsOfKind] => [kind, { count: 0, lines: [] }]);
  return Object.fromEntries(entries) as Record<K, BadRowsOfKind>;
}

/**
 * Countries by people born there, most first; ties by name in UTF-8 byte order, which is
 * how utf8mb4_bin sorts. Countries nobody was born in are left out, as a join leaves them.
 */
export function summarize(countries: readonly string[], bornPerPlace: ArrayLike<number>): Record<string, number> {
  const totals = new Map<string, number>();
  for (let i = 0; i < countries.length; i++) {
    const born = bornPerPlace[i] ?? 0;
    if (born > 0) totals.set(countries[i]!, (totals.get(countries[i]!) ?? 0) + born);
  }
  const ordered = [...totals].sort(([a, x], [b, y]) => y - x || Buffer.compare(Buffer.from(a), Buffer.from(b)));
  return Object.fromEntries(ordered);
}

/** The generate command for these arguments, with the output directory left for the reader to fill in. */
export function commandFor(args: GeneratorArguments, defaultPlaces: number): string {
  const parts = ['npm run generate --', `--people ${args.people}`, `--seed ${args.seed}`];
  if (args.places !== defaultPlaces) parts.push(`--places ${args.places}`);
  if (args.badFraction > 0) parts.push(`--bad-fraction ${args.badFraction}`);
  for (const [kind, fraction] of Object.entries(args.bad)) parts.push(`--bad ${kind}=${fraction}`);
  if (args.crlf) parts.push('--crlf');
  if (args.bom) parts.push('--bom');
  return [...parts, '--out <dir>'].join(' ');
}

/** Indented JSON, with each list of line numbers kept on one line. */
export function formatManifest(manifest: Manifest): string {
  const json = JSON.stringify(manifest, null, 2).replace(
    /\[\s*([\d,\s]*?)\s*\]/g,
    (_, numbers: string) => `[${numbers.split(/,\s*/).filter(Boolean).join(', ')}]`,
  );
  return `${json}\n`;
}
