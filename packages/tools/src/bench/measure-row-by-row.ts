import { CsvSource, fieldText } from '@rollcall/loader';
import { freshDatabase, StepFailure, type BenchContext, type Measurement } from './context.ts';
import { CREATE_FLOOR_TABLE, FLOOR_TABLE } from './measure-floor.ts';
import { withCpu } from './cpu-use.ts';
import { countRows } from './scratch-database.ts';

/**
 * The baseline many answers to this task amount to: one INSERT statement per row, each
 * its own autocommitted transaction, into the floor's table. It is run on the first
 * `sample` rows only (at ~3k rows/s, 10M rows would take about an hour) and extrapolated.
 * The rows are read before the clock starts: only the statements are timed.
 */
export async function measureRowByRow(ctx: BenchContext): Promise<Measurement> {
  const label = 'one INSERT per row, autocommit';
  const rows = await readSample(ctx.dataset.peoplePath, ctx.sample);
  await freshDatabase(ctx);
  return ctx.scratch.use(async (db) => {
    await db.raw(CREATE_FLOOR_TABLE);
    const insert = `INSERT INTO ${FLOOR_TABLE} (given_name, family_name, date_of_birth, place_of_birth) VALUES (?, ?, ?, ?)`;
    const started = performance.now();
    const { cpu } = await withCpu(ctx.serverCpu, async () => {
      for (const row of rows) {
        await db.raw(insert, row);
        ctx.signal.throwIfAborted();
      }
    });
    const seconds = (performance.now() - started) / 1000;
    const loaded = await countRows(db, FLOOR_TABLE);
    if (loaded !== rows.length) throw new StepFailure(`${FLOOR_TABLE} has ${loaded} rows, expected ${rows.length}`);
    return { label, outcome: { status: 'ok', seconds, rows: rows.length, ...cpu } };
  });
}

/** The first `count` data rows of people.csv, as text. */
async function readSample(path: string, count: number): Promise<string[][]> {
  const rows: string[][] = [];
  const source = await CsvSource.open(path);
  for await (const batch of source.batches()) {
    for (const record of batch) {
      if (record.line === 1) continue;
      rows.push(record.fields.map((field) => fieldText(field, source.encoding) ?? field));
      if (rows.length === count) return rows;
    }
  }
  return rows;
}
