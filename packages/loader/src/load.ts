import { join } from 'node:path';
import {
  asAccessDenied,
  checkOutputFolder,
  classifyDbError,
  createDb,
  migrateToLatest,
  removeStaleTempFiles,
  requirePrivileges,
  startWaiting,
  RollcallError,
  waitForDatabase,
  type Knex,
  type Logger,
} from '@rollcall/shared';
import { chooseLoadMethod } from './choose-method.ts';
import type { LoaderConfig } from './config.ts';
import { retryOnClusterConflict } from './cluster-retry.ts';
import { CsvSource } from './csv-source.ts';
import { PEOPLE_FILE, PLACES_FILE } from './files.ts';
import { InfileWriter } from './infile-writer.ts';
import { checkInputFile } from './input-check.ts';
import { InsertWriter } from './insert-writer.ts';
import { loadFile, type FileLoadResult } from './load-file.ts';
import { PeopleCounts } from './people-counts.ts';
import { refuseForeignReferences } from './foreign-references.ts';
import { acquireLoadLock, type LoadLock } from './load-lock.ts';
import { abandonStaleRuns, emptyCounts, finishRun, startRun, type FileCounts, type RunStatus } from './load-runs.ts';
import { PlaceIndex } from './place-index.ts';
import { REJECT_TEMP_NAME, REJECTS_FOLDER } from './reject-file.ts';
import { StagingSession } from './staging-session.ts';
import { dropPrevious, dropStaging, prepareStaging, swapIn } from './staging.ts';
import { refuseIfStagingDiffers } from './staging-counts.ts';
import type { LoadMethod, TableTarget, TableWriter } from './table-writer.ts';
import { toPerson, toPlace } from './to-row.ts';

export interface LoadSummary {
  runId: number;
  method: LoadMethod;
  places: FileCounts;
  people: FileCounts;
  seconds: number;
}

const PLACES_COLUMNS = ['id', 'city', 'county', 'country'];
const PEOPLE_COLUMNS = ['id', 'given_name', 'family_name', 'date_of_birth', 'place_id'];
const PEOPLE_COUNTS_COLUMNS = ['place_id', 'decade', 'people'];

/** What the load wrote into people_counts_next: its rows (they add up to the people loaded). */
interface CountsLoadResult {
  rows: number;
}

/**
 * One load run: wait for the database, check the account's privileges, take the load lock,
 * apply the schema, stream places.csv then people.csv into staging tables, committed in
 * chunks, refuse the load if either file has too many rejects (or the server holds
 * other rows than were sent), then swap the staging tables in. Whatever fails,
 * the previous dataset stays exactly as it was.
 */
export async function runLoad(config: LoaderConfig, ctx: { log: Logger; signal?: AbortSignal }): Promise<LoadSummary> {
  const started = Date.now();
  const log = ctx.log;
  const placesPath = join(config.dataDir, PLACES_FILE.fileName);
  const peoplePath = join(config.dataDir, PEOPLE_FILE.fileName);
  // What can be checked without the database is checked first: a run that cannot finish
  // for these reasons leaves no load_runs row, no lock taken and nothing to roll back.
  await checkOutputFolder(config.reportsDir, 'REPORTS_DIR');
  await checkOutputFolder(join(config.reportsDir, REJECTS_FOLDER), 'REPORTS_DIR');
  await checkInputFile(placesPath);
  await checkInputFile(peoplePath);
  const db = createDb(config.db, { log });
  try {
    const identity = await waitForDatabase(db, config.db, log, ctx.signal);
    await requirePrivileges(db, config.db, 'loader', identity);
    await refuseForeignReferences(db);
    const lock = await acquireLoadLock(db, config.db.database, log);
    try {
      // Only the holder of the lock: no other load into this database is writing them now.
      const leftovers = await removeStaleTempFiles(join(config.reportsDir, REJECTS_FOLDER), [REJECT_TEMP_NAME]);
      if (leftovers.length > 0)
        log.info({ removed: leftovers }, 'removed the temporary reject files of loads that died');
      await migrateToLatest(db, log);
      const abandoned = await abandonStaleRuns(db);
      if (abandoned > 0) log.warn({ abandoned }, 'marked runs of loaders that died as abandoned');
      const runId = await startRun(db, config.loadMethod, placesPath, peoplePath);
      const run = {
        runId,
        method: config.loadMethod as string,
        places: emptyCounts(placesPath),
        people: emptyCounts(peoplePath),
      };
      try {
        // Each attempt starts over from empty staging tables; the lock stays held throughout.
        const method = await retryOnClusterConflict(() => loadAndSwap(db, lock, run, config, ctx), {
          log,
          what: 'load',
          ...(ctx.signal ? { signal: ctx.signal } : {}),
        });
        await finishRun(db, runId, { ...run, status: 'succeeded' });
        const summary = {
          runId,
          method,
          places: run.places,
          people: run.people,
          seconds: (Date.now() - started) / 1000,
        };
        logSummary(log, summary);
        return summary;
      } catch (caught) {
        // load_runs records the same clear message the log gets, not the driver's own words.
        const err = asDatabaseLost(caught, config);
        await dropStaging(db).catch(() => undefined);
        const status: RunStatus = err instanceof RollcallError && err.code === 'REJECT_LIMIT' ? 'refused' : 'failed';
        await finishRun(db, runId, { ...run, status, message: (err as Error).message }).catch(() => undefined);
        throw err;
      }
    } finally {
      await lock.release();
    }
  } catch (err) {
    throw asDatabaseLost(err, config);
  } finally {
    await db.destroy();
  }
}

/**
 * One attempt: fresh staging tables, both files streamed in (committed in chunks), the reject
 * limit checked, then the swap. Everything before the swap can be started over.
 */
async function loadAndSwap(
  db: Knex,
  lock: LoadLock,
  run: { runId: number; method: string; places: FileCounts; people: FileCounts },
  config: LoaderConfig,
  ctx: { log: Logger; signal?: AbortSignal },
): Promise<LoadMethod> {
  const log = ctx.log;
  await prepareStaging(db);
  const method = await chooseLoadMethod(db, config.loadMethod, log);
  run.method = method;
  log.info({ runId: run.runId, method, dataDir: config.dataDir }, 'load started');
  const sources = { places: await CsvSource.open(run.places.path), people: await CsvSource.open(run.people.path) };
  const session = await StagingSession.open(db, config.stagingCommitRows);
  const results = await loadStaging(session, sources, method, config, ctx).then(
    async (loaded) => {
      await session.end();
      return loaded;
    },
    async (err: unknown) => {
      await session.rollback();
      throw err;
    },
  );
  log.info({ commits: session.commits, commitRows: config.stagingCommitRows }, 'staging tables loaded and committed');
  run.places = results.places.counts;
  run.people = results.people.counts;
  await Promise.all([results.places.rejects.commit(), results.people.rejects.commit()]);
  refuseIfTooManyRejects(results, config.maxRejectRatio);
  await refuseIfStagingDiffers(db, [
    { table: 'places_next', file: sources.places.file, loaded: run.places.loaded },
    { table: 'people_next', file: sources.people.file, loaded: run.people.loaded },
    {
      table: 'people_counts_next',
      file: sources.people.file,
      loaded: results.counts.rows,
      sum: { column: 'people', expected: run.people.loaded },
    },
  ]);
  ctx.signal?.throwIfAborted();
  await lock.assertHeld();
  // The swap waits for readers still using the tables (up to SWAP_WAIT_TIMEOUT_S): say so.
  const swapping = startWaiting({ log, context: { runId: run.runId }, label: 'swap', what: 'the table swap' });
  try {
    await swapIn(db, config.swapWaitTimeoutS);
  } finally {
    swapping.stop();
  }
  // The new data is in: a previous dataset left behind is the next load's to drop, not a failed run.
  await dropPrevious(db).catch((err: unknown) =>
    log.warn(
      { runId: run.runId, reason: (err as Error).message },
      'the previous data could not be dropped after the swap; the next load drops it',
    ),
  );
  return method;
}

async function loadStaging(
  session: StagingSession,
  sources: { places: CsvSource; people: CsvSource },
  method: LoadMethod,
  config: LoaderConfig,
  ctx: { log: Logger; signal?: AbortSignal },
): Promise<{ places: FileLoadResult; people: FileLoadResult; counts: CountsLoadResult }> {
  const writer = (table: string, columns: string[]): TableWriter => {
    const target: TableTarget = { session, table, columns };
    return method === 'infile' ? new InfileWriter(target) : new InsertWriter(target);
  };
  const options = { reportsDir: config.reportsDir, log: ctx.log, ...(ctx.signal ? { signal: ctx.signal } : {}) };

  const placeIndex = new PlaceIndex();
  const places = await loadFile(
    sources.places,
    PLACES_FILE,
    (fields, line, shape) => {
      const result = toPlace(fields, shape);
      if (!result.ok) return result.reject;
      const outcome = placeIndex.add(result.row, line);
      if (outcome.kind === 'duplicate') return 'duplicate';
      if (outcome.kind === 'conflict') return outcome.reject;
      return [outcome.id, result.row.city, result.row.county, result.row.country];
    },
    writer('places_next', PLACES_COLUMNS),
    options,
  );
  ctx.log.info({ file: sources.places.file, ...countsForLog(places.counts) }, 'places loaded into staging');

  let nextPersonId = 1;
  // Every row the handler returns goes to the people writer: counted here, it is counted once.
  const peopleCounts = new PeopleCounts(placeIndex.size);
  const people = await loadFile(
    sources.people,
    PEOPLE_FILE,
    (fields, _line, shape) => {
      const result = toPerson(fields, shape, placeIndex.ids);
      if (!result.ok) return result.reject;
      const { givenName, familyName, dateOfBirth, placeId } = result.row;
      peopleCounts.add(placeId, dateOfBirth);
      return [nextPersonId++, givenName, familyName, dateOfBirth, placeId];
    },
    writer('people_next', PEOPLE_COLUMNS),
    options,
  ).catch(async (err: unknown) => {
    await places.rejects.discard();
    throw err;
  });
  ctx.log.info({ file: sources.people.file, ...countsForLog(people.counts) }, 'people loaded into staging');
  const counts = await writePeopleCounts(session, peopleCounts, people.counts.loaded).catch(async (err: unknown) => {
    await Promise.all([places.rejects.discard(), people.rejects.discard()]);
    throw err;
  });
  return { places, people, counts };
}

/**
 * people_counts_next, from the counts kept while people streamed: a few thousand rows (places
 * × decades), so batched INSERTs whatever the load method, in the same staging session.
 */
async function writePeopleCounts(
  session: StagingSession,
  counts: PeopleCounts,
  peopleLoaded: number,
): Promise<CountsLoadResult> {
  if (counts.total !== peopleLoaded) {
    throw new Error(`people counted per place and decade: ${counts.total}, people loaded: ${peopleLoaded}`);
  }
  const writer = new InsertWriter({ session, table: 'people_counts_next', columns: PEOPLE_COUNTS_COLUMNS });
  try {
    for (const row of counts.rows()) {
      writer.add(row);
      if (writer.full) await writer.flush();
    }
    return { rows: await writer.close() };
  } catch (err) {
    await writer.abort();
    throw err;
  }
}

function refuseIfTooManyRejects(results: { places: FileLoadResult; people: FileLoadResult }, maxRatio: number): void {
  for (const { counts, rejects } of [results.places, results.people]) {
    const ratio = counts.rejected / counts.read;
    if (ratio > maxRatio) {
      throw new RollcallError(
        'REJECT_LIMIT',
        `${rejects.path.split('/').pop()?.replace('.rejects.csv', '')}: ${counts.rejected} of ${counts.read} rows rejected ` +
          `(${(ratio * 100).toFixed(2)}%), more than MAX_REJECT_RATIO=${maxRatio}; load refused, the previous data is unchanged. ` +
          `Reasons are in ${rejects.path}`,
        { file: counts.path, rejected: counts.rejected, read: counts.read, rejectFile: rejects.path },
      );
    }
  }
}

function countsForLog(counts: FileCounts) {
  return { read: counts.read, loaded: counts.loaded, rejected: counts.rejected, duplicates: counts.duplicates };
}

function logSummary(log: Logger, summary: LoadSummary): void {
  const { places, people } = summary;
  const rowsRead = places.read + people.read;
  log.info(
    {
      runId: summary.runId,
      method: summary.method,
      places: countsForLog(places),
      people: countsForLog(people),
      rowsRead,
      rowsLoaded: places.loaded + people.loaded,
      rowsRejected: places.rejected + people.rejected,
      seconds: Number(summary.seconds.toFixed(3)),
      rowsPerSecond: Math.round(rowsRead / summary.seconds),
    },
    'load complete',
  );
}

/**
 * A connection that drops mid-run is reported as the database lost, naming the server; a
 * statement the account may not run, as access denied.
 */
function asDatabaseLost(err: unknown, config: LoaderConfig): unknown {
  if (err instanceof RollcallError) return err;
  const kind = classifyDbError(err);
  if (kind === 'access-denied') return asAccessDenied(err, config.db, 'loader');
  const { host, port } = config.db;
  if (kind === 'lost' || kind === 'unavailable') {
    const code = (err as { code?: string }).code;
    return new RollcallError(
      'DB_LOST',
      `Lost the database ${host}:${port} during the load (${code ?? 'connection closed'}); the previous data is unchanged, run the load again`,
      { host, port },
      { cause: err },
    );
  }
  // Where the load is not started over (before it, or recording the run after the swap).
  if (kind === 'transient-cluster') {
    return new RollcallError(
      'DB_TRANSIENT',
      `The database ${host}:${port} rolled a statement back for a reason of the cluster (${(err as Error).message}); run the load again`,
      { host, port },
      { cause: err },
    );
  }
  return err;
}
