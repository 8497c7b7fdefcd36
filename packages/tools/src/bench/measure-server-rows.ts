import { createReadStream, createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { escapeInfileValue } from '@rollcall/loader';
import { migrateToLatest, type Knex } from '@rollcall/shared';
import { freshDatabase, StepFailure, type BenchContext, type Measurement } from './context.ts';
import { ensureLoaded } from './measure-loader.ts';
import { withCpu } from './cpu-use.ts';
import { countRows } from './scratch-database.ts';

const COLUMNS = ['id', 'given_name', 'family_name', 'date_of_birth', 'place_id'] as const;

const LOAD_ROWS = `LOAD DATA LOCAL INFILE 'people.tsv' INTO TABLE people CHARACTER SET utf8mb4
  FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n' (${COLUMNS.join(', ')})`;

/**
 * The server alone taking in this schema's rows: the loader's own rows (validated, places
 * resolved, in its tab-separated format) into the empty, indexed people table, in one
 * statement, with the loader's session settings. What no loader can go below on this
 * schema; the floor's table has no key or index to maintain. Only the statement and its
 * commit are timed.
 */
export async function measureServerRows(ctx: BenchContext): Promise<Measurement> {
  const label = "server alone: the loader's rows into the indexed people table";
  const rowsFile = await exportLoadedRows(ctx);
  await freshDatabase(ctx);
  return ctx.scratch.use(async (db) => {
    await migrateToLatest(db, ctx.log);
    const expected = ctx.dataset.manifest.expected.people.loaded;
    let started = 0;
    // The clock and the CPU count start after SET and end after the commit (where InnoDB builds the index).
    const { cpu } = await withCpu(ctx.serverCpu, () =>
      db.transaction(async (trx) => {
        await trx.raw('SET SESSION foreign_key_checks = 0, unique_checks = 0');
        started = performance.now();
        await trx.raw(LOAD_ROWS).options({ infileStreamFactory: () => createReadStream(rowsFile) });
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const loaded = await countRows(db, 'people');
    if (loaded !== expected) throw new StepFailure(`people has ${loaded} rows, expected ${expected}`);
    return { label, outcome: { status: 'ok', seconds, rows: ctx.rows, ...cpu } };
  });
}

/** people as the loader stored it, in the loader's LOAD DATA format. */
async function exportLoadedRows(ctx: BenchContext): Promise<string> {
  const path = join(ctx.workDir, 'people.tsv');
  await ensureLoaded(ctx);
  ctx.log.info('exporting the loaded rows for the server-alone step (not measured)');
  await ctx.scratch.use((db) => pipeline(selectPeople(db), toTsvLines(), createWriteStream(path)));
  return path;
}

function selectPeople(db: Knex): NodeJS.ReadableStream {
  // DATE_FORMAT: the date as the loader sent it, not as a JavaScript Date in some time zone.
  return db
    .raw(
      `SELECT id, given_name, family_name, DATE_FORMAT(date_of_birth, '%Y-%m-%d') AS date_of_birth, place_id FROM people ORDER BY id`,
    )
    .stream();
}

function toTsvLines(): Transform {
  return new Transform({
    writableObjectMode: true,
    transform(row: Record<(typeof COLUMNS)[number], string | number>, _encoding, done) {
      done(null, `${COLUMNS.map((column) => escapeInfileValue(row[column])).join('\t')}\n`);
    },
  });
}
