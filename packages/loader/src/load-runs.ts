import type { Knex } from '@rollcall/shared';

export type RunStatus = 'running' | 'succeeded' | 'failed' | 'refused' | 'abandoned';

/** What happened to the rows of one input file. loaded + rejected + duplicates = read. */
export interface FileCounts {
  path: string;
  bytes: number;
  sha256: string;
  read: number;
  loaded: number;
  rejected: number;
  duplicates: number;
}

export function emptyCounts(path: string): FileCounts {
  return { path, bytes: 0, sha256: '', read: 0, loaded: 0, rejected: 0, duplicates: 0 };
}

/** Runs still 'running' while we hold the load lock belong to loaders that died. */
export async function abandonStaleRuns(db: Knex): Promise<number> {
  return db('load_runs')
    .where({ status: 'running' })
    .update({
      status: 'abandoned',
      finished_at: db.raw('UTC_TIMESTAMP(3)'),
      message: 'the loader stopped without finishing',
    });
}

export async function startRun(db: Knex, method: string, placesPath: string, peoplePath: string): Promise<number> {
  const [id] = await db('load_runs').insert({
    started_at: db.raw('UTC_TIMESTAMP(3)'),
    status: 'running',
    method,
    places_file: placesPath,
    people_file: peoplePath,
  });
  return Number(id);
}

export async function finishRun(
  db: Knex,
  id: number,
  result: { status: RunStatus; method: string; places: FileCounts; people: FileCounts; message?: string },
): Promise<void> {
  const { places, people } = result;
  await db('load_runs')
    .where({ id })
    .update({
      finished_at: db.raw('UTC_TIMESTAMP(3)'),
      status: result.status,
      method: result.method,
      places_bytes: places.bytes || null,
      places_sha256: places.sha256 || null,
      people_bytes: people.bytes || null,
      people_sha256: people.sha256 || null,
      places_read: places.read,
      places_loaded: places.loaded,
      places_rejected: places.rejected,
      places_duplicates: places.duplicates,
      people_read: people.read,
      people_loaded: people.loaded,
      people_rejected: people.rejected,
      rows_read: places.read + people.read,
      rows_loaded: places.loaded + people.loaded,
      rows_rejected: places.rejected + people.rejected,
      // TEXT holds 64 KB: a longer message would make this update fail and the run stay 'running'.
      message: result.message === undefined ? null : result.message.slice(0, 10_000),
    });
}
