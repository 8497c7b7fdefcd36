/**
 * The tables as the latest migration leaves them. The loader creates its staging tables from
 * these definitions (not `LIKE` the live tables, which could be anything an older release left),
 * and `npm run sql:embed` writes them into sql/schema.sql for the pure-SQL loader. A migration
 * that changes a table changes its definition here too; migrate.db.test.ts fails until both agree.
 *
 * utf8mb4_bin: byte-exact comparison, so 'Kelso' and 'KELSO' or 'Café' and 'Cafe' stay distinct
 * places, exactly as the loader's in-memory lookup sees them. It exists in both MySQL 8 and
 * MariaDB (utf8mb4_0900_ai_ci does not).
 */
const TABLE_OPTIONS = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin';

export function createPlacesTable(name: string): string {
  return `CREATE TABLE ${name} (
  id INT UNSIGNED NOT NULL AUTO_INCREMENT,
  city VARCHAR(100) NOT NULL,
  county VARCHAR(100) NOT NULL,
  country VARCHAR(100) NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_places_city (city),
  KEY ix_places_country_county (country, county)
) ${TABLE_OPTIONS}`;
}

/**
 * The foreign key is left unnamed on purpose: MySQL and MariaDB name it `<table>_ibfk_1` and
 * rename it with the table, so people_next's key becomes people's when the loader swaps the
 * staging tables in by RENAME TABLE, and the next load can create its own again.
 */
export function createPeopleTable(name: string, placesTable: string): string {
  return `CREATE TABLE ${name} (
  id INT UNSIGNED NOT NULL AUTO_INCREMENT,
  given_name VARCHAR(100) NOT NULL,
  family_name VARCHAR(100) NOT NULL,
  date_of_birth DATE NOT NULL,
  place_id INT UNSIGNED NOT NULL,
  PRIMARY KEY (id),
  KEY ix_people_place (place_id),
  FOREIGN KEY (place_id) REFERENCES ${placesTable} (id)
) ${TABLE_OPTIONS}`;
}

/**
 * People counted per place and decade of birth (YEAR(date_of_birth) DIV 10 * 10): what the
 * reader's default reports read, a few thousand rows where people has millions. A load writes
 * it from the rows it sends to people and swaps it in with them. The foreign key is unnamed
 * for the same reason as people's.
 */
export function createPeopleCountsTable(name: string, placesTable: string): string {
  return `CREATE TABLE ${name} (
  place_id INT UNSIGNED NOT NULL,
  decade SMALLINT NOT NULL,
  people INT UNSIGNED NOT NULL,
  PRIMARY KEY (place_id, decade),
  FOREIGN KEY (place_id) REFERENCES ${placesTable} (id)
) ${TABLE_OPTIONS}`;
}

/** status: running | succeeded | failed | refused | abandoned; method: infile | insert | sql. */
export function createLoadRunsTable(name: string): string {
  return `CREATE TABLE ${name} (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  started_at DATETIME(3) NOT NULL,
  finished_at DATETIME(3) NULL,
  status VARCHAR(16) NOT NULL,
  method VARCHAR(16) NOT NULL,
  places_file VARCHAR(1024) NOT NULL,
  places_bytes BIGINT UNSIGNED NULL,
  places_sha256 CHAR(64) NULL,
  people_file VARCHAR(1024) NOT NULL,
  people_bytes BIGINT UNSIGNED NULL,
  people_sha256 CHAR(64) NULL,
  places_read BIGINT UNSIGNED NOT NULL DEFAULT 0,
  places_loaded BIGINT UNSIGNED NOT NULL DEFAULT 0,
  places_rejected BIGINT UNSIGNED NOT NULL DEFAULT 0,
  places_duplicates BIGINT UNSIGNED NOT NULL DEFAULT 0,
  people_read BIGINT UNSIGNED NOT NULL DEFAULT 0,
  people_loaded BIGINT UNSIGNED NOT NULL DEFAULT 0,
  people_rejected BIGINT UNSIGNED NOT NULL DEFAULT 0,
  rows_read BIGINT UNSIGNED NOT NULL DEFAULT 0,
  rows_loaded BIGINT UNSIGNED NOT NULL DEFAULT 0,
  rows_rejected BIGINT UNSIGNED NOT NULL DEFAULT 0,
  message TEXT NULL,
  PRIMARY KEY (id),
  KEY ix_load_runs_status (status, id)
) ${TABLE_OPTIONS}`;
}

/** Every table of the current schema under its own name, parents before children. */
export function currentSchemaTables(): { name: string; sql: string }[] {
  return [
    { name: 'places', sql: createPlacesTable('places') },
    { name: 'people', sql: createPeopleTable('people', 'places') },
    { name: 'load_runs', sql: createLoadRunsTable('load_runs') },
    { name: 'people_counts', sql: createPeopleCountsTable('people_counts', 'places') },
  ];
}
