import type { Knex } from 'knex';

/**
 * The schema as releases before migrations created it (sql/schema.sql of 0.1.0), frozen: a
 * migration never changes once released. `IF NOT EXISTS` lets a database made by such a release
 * adopt migrations unchanged, its data and load_runs history kept.
 */
const STATEMENTS = [
  `CREATE TABLE IF NOT EXISTS places (
  id INT UNSIGNED NOT NULL AUTO_INCREMENT,
  city VARCHAR(100) NOT NULL,
  county VARCHAR(100) NOT NULL,
  country VARCHAR(100) NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_places_city (city),
  KEY ix_places_country_county (country, county)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin`,
  `CREATE TABLE IF NOT EXISTS people (
  id INT UNSIGNED NOT NULL AUTO_INCREMENT,
  given_name VARCHAR(100) NOT NULL,
  family_name VARCHAR(100) NOT NULL,
  date_of_birth DATE NOT NULL,
  place_id INT UNSIGNED NOT NULL,
  PRIMARY KEY (id),
  KEY ix_people_place (place_id),
  FOREIGN KEY (place_id) REFERENCES places (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin`,
  `CREATE TABLE IF NOT EXISTS load_runs (
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
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin`,
];

export async function up(db: Knex): Promise<void> {
  for (const statement of STATEMENTS) await db.raw(statement);
}

/** knex requires a down; rollcall never migrates down, and this one would drop every table. */
export async function down(db: Knex): Promise<void> {
  for (const table of ['people', 'places', 'load_runs']) await db.raw('DROP TABLE IF EXISTS ??', [table]);
}
