import { createReadStream } from 'node:fs';
import { freshDatabase, StepFailure, type BenchContext, type Measurement } from './context.ts';
import { withCpu } from './cpu-use.ts';
import { countRows } from './scratch-database.ts';

export const FLOOR_TABLE = 'bench_floor';

/** people.csv's four columns as text, no key, no index: nothing for the server to check or sort. */
export const CREATE_FLOOR_TABLE = `CREATE TABLE ${FLOOR_TABLE} (
  given_name VARCHAR(100) NOT NULL, family_name VARCHAR(100) NOT NULL,
  date_of_birth VARCHAR(100) NOT NULL, place_of_birth VARCHAR(100) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin`;

// The file's own CSV dialect; ESCAPED BY '' because CSV has no backslash escapes.
const LOAD_FLOOR = `LOAD DATA LOCAL INFILE 'people.csv' INTO TABLE ${FLOOR_TABLE} CHARACTER SET utf8mb4
  FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '"' ESCAPED BY '' LINES TERMINATED BY '\\n'
  IGNORE 1 LINES`;

/**
 * The floor: what the server itself ingests of these bytes, with the file streamed to it
 * through mysql2's infileStreamFactory, as the loader streams its rows. Only the
 * statement is timed; the connection and the table exist before the clock starts. Node's
 * CPU is this process's, streaming the file.
 */
export async function measureFloor(ctx: BenchContext, run: number): Promise<Measurement> {
  const label = `floor: LOAD DATA LOCAL INFILE, unindexed table (run ${run})`;
  await freshDatabase(ctx);
  return ctx.scratch.use(async (db) => {
    await db.raw(CREATE_FLOOR_TABLE);
    const started = performance.now();
    const { cpu } = await withCpu(ctx.serverCpu, () =>
      db.raw(LOAD_FLOOR).options({ infileStreamFactory: () => createReadStream(ctx.dataset.peoplePath) }),
    );
    const seconds = (performance.now() - started) / 1000;
    const loaded = await countRows(db, FLOOR_TABLE);
    if (loaded !== ctx.rows) throw new StepFailure(`${FLOOR_TABLE} has ${loaded} rows, expected ${ctx.rows}`);
    return { label, outcome: { status: 'ok', seconds, rows: ctx.rows, ...cpu } };
  });
}
