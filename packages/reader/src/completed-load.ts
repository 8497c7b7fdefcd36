import { RollcallError } from '@rollcall/shared';
import type { Snapshot } from './snapshot.ts';

export interface CompletedLoad {
  id: number;
  finishedAt: string | null;
}

const TABLES = ['load_runs', 'people', 'people_counts', 'places'];

/**
 * The latest succeeded load, or NOTHING_TO_REPORT when the schema is absent or no load has
 * completed: reports of an empty or half-created database would look like real, empty data.
 * The query also reads places, people and people_counts, so the snapshot holds their
 * metadata locks from here on: a loader's RENAME TABLE swap then waits for the reader to finish instead of
 * replacing a table between two reports.
 */
export async function requireCompletedLoad(snapshot: Snapshot): Promise<CompletedLoad> {
  let latest: { id: number | null; finished_at: string | null } | undefined;
  try {
    [latest] = await snapshot.rows<{ id: number | null; finished_at: string | null }>(`
      SELECT lr.id, lr.finished_at,
             EXISTS (SELECT 1 FROM places) AS has_places, EXISTS (SELECT 1 FROM people) AS has_people,
             EXISTS (SELECT 1 FROM people_counts) AS has_people_counts
      FROM (SELECT 1 AS one) AS dual_row
      LEFT JOIN load_runs AS lr
        ON lr.id = (SELECT MAX(id) FROM load_runs WHERE status = 'succeeded')`);
  } catch (err) {
    // Which tables are missing is asked only once the read has failed: information_schema
    // shows a table as missing halfway through a loader's RENAME TABLE swap, while the read
    // itself waits for the swap to finish.
    if ((err as { code?: string }).code !== 'ER_NO_SUCH_TABLE') throw err;
    const missing = await missingTables(snapshot);
    if (missing.length === 0) throw err;
    throw nothingToReport(
      `the schema is not there (missing table${missing.length > 1 ? 's' : ''} ${missing.join(', ')})`,
      { missing },
    );
  }
  if (!latest || latest.id === null) throw nothingToReport('no load has completed yet', {});
  return { id: Number(latest.id), finishedAt: latest.finished_at };
}

async function missingTables(snapshot: Snapshot): Promise<string[]> {
  const present = await snapshot.rows<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables
     WHERE table_schema = DATABASE() AND table_name IN (${TABLES.map(() => '?').join(', ')})`,
    TABLES,
  );
  return TABLES.filter((table) => !present.some((row) => row.name === table));
}

function nothingToReport(why: string, context: Record<string, unknown>): RollcallError {
  return new RollcallError(
    'NOTHING_TO_REPORT',
    `Nothing to report: ${why}. Run the loader first (npm run load).`,
    context,
  );
}
