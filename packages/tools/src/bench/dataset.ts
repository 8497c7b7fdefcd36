import { readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from '@rollcall/shared';
import { generate, type GenerateOptions } from '../generate/generate.ts';
import type { Manifest } from '../generate/manifest.ts';
import { PLACES_CATALOG } from '../generate/places-catalog.ts';

export interface Dataset {
  dir: string;
  peoplePath: string;
  manifest: Manifest;
  /** True when an earlier run's files were reused. */
  cached: boolean;
}

/** Clean data only (no bad rows): every row of the floor's file is a row the loader keeps. */
export function datasetOptions(rows: number, seed: number, root = join(tmpdir(), 'rollcall-bench')): GenerateOptions {
  return {
    people: rows,
    seed,
    places: PLACES_CATALOG.length,
    badFraction: 0,
    bad: {},
    crlf: false,
    bom: false,
    out: join(root, `people-${rows}-seed-${seed}`),
  };
}

/**
 * The benchmark's input, generated once per row count and seed and kept in the temp folder:
 * the generator writes the same bytes for the same arguments, so a folder whose manifest
 * names these arguments and whose people.csv has the manifest's size is reused.
 */
export async function ensureDataset(options: GenerateOptions, log: Logger, signal?: AbortSignal): Promise<Dataset> {
  const dir = options.out;
  const peoplePath = join(dir, 'people.csv');
  const cached = await readCached(dir, options);
  if (cached) {
    log.info({ dir, rows: options.people }, 'reusing the generated files');
    return { dir, peoplePath, manifest: cached, cached: true };
  }
  log.info({ dir, rows: options.people, seed: options.seed }, 'generating the benchmark files');
  const manifest = await generate(options, { signal, onProgress: (rows) => log.info({ rows }, 'people rows written') });
  return { dir, peoplePath, manifest, cached: false };
}

async function readCached(dir: string, options: GenerateOptions): Promise<Manifest | undefined> {
  try {
    const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as Manifest;
    const { out: _out, ...args } = options;
    const same = Object.entries(args).every(
      ([key, value]) => JSON.stringify(manifest.arguments[key as keyof typeof args]) === JSON.stringify(value),
    );
    if (!same) return undefined;
    const sizes = await Promise.all([stat(join(dir, 'places.csv')), stat(join(dir, 'people.csv'))]);
    return sizes[0].size === manifest.places.bytes && sizes[1].size === manifest.people.bytes ? manifest : undefined;
  } catch {
    return undefined;
  }
}
