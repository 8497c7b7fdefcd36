import type { Knex } from 'knex';

/**
 * people_counts: people counted per place and decade of birth, the table the reader's default
 * reports read instead of scanning people (at 10M people each scan cost 2-3 s). Every load
 * writes it beside people and swaps both in by one RENAME TABLE, so the two always agree.
 * Filled here from the people already loaded, so an upgraded database is consistent at once,
 * before its next load has swapped in counts of its own. Frozen once released.
 *
 * Safe to run again after failing halfway (DDL commits on its own): the table is created only
 * if missing, and its rows are replaced whole. `decade` is YEAR(date_of_birth) DIV 10 * 10, the
 * decade births_by_decade reports (1840 = 1840-1849).
 */
const CREATE = `CREATE TABLE IF NOT EXISTS people_counts (
  place_id INT UNSIGNED NOT NULL,
  decade SMALLINT NOT NULL,
  people INT UNSIGNED NOT NULL,
  PRIMARY KEY (place_id, decade),
  FOREIGN KEY (place_id) REFERENCES places (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin`;

const FILL = `INSERT INTO people_counts (place_id, decade, people)
SELECT place_id, YEAR(date_of_birth) DIV 10 * 10 AS decade, COUNT(*)
FROM people
GROUP BY place_id, decade`;

export async function up(db: Knex): Promise<void> {
  await db.raw(CREATE);
  // Rows left by a run that failed after the fill, or an empty table sql/schema.sql created.
  await db.raw('DELETE FROM people_counts');
  await db.raw(FILL);
}

export async function down(db: Knex): Promise<void> {
  await db.raw('DROP TABLE IF EXISTS people_counts');
}
