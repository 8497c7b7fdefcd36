-- rollcall schema: the single source of truth for the TypeScript loader (applySchema)
-- and the pure-SQL loader (sql/loader.sql embeds this file verbatim; a test keeps them equal).
-- Idempotent: safe to run before every load.
--
-- utf8mb4_bin: byte-exact comparison, so 'Kelso' and 'KELSO' or 'Café' and 'Cafe' stay
-- distinct places, exactly as the loader's in-memory lookup sees them. It exists in both
-- MySQL 8 and MariaDB (utf8mb4_0900_ai_ci does not).

CREATE TABLE IF NOT EXISTS places (
  id INT UNSIGNED NOT NULL AUTO_INCREMENT,
  city VARCHAR(100) NOT NULL,
  county VARCHAR(100) NOT NULL,
  country VARCHAR(100) NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_places_city (city),
  KEY ix_places_country_county (country, county)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The foreign key is left unnamed on purpose: MySQL and MariaDB name it people_ibfk_1 and
-- rename it with the table, which lets the loader swap staging tables in by RENAME TABLE.
CREATE TABLE IF NOT EXISTS people (
  id INT UNSIGNED NOT NULL AUTO_INCREMENT,
  given_name VARCHAR(100) NOT NULL,
  family_name VARCHAR(100) NOT NULL,
  date_of_birth DATE NOT NULL,
  place_id INT UNSIGNED NOT NULL,
  PRIMARY KEY (id),
  KEY ix_people_place (place_id),
  FOREIGN KEY (place_id) REFERENCES places (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS load_runs (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  started_at DATETIME(3) NOT NULL,
  finished_at DATETIME(3) NULL,
  status VARCHAR(16) NOT NULL,            -- running | succeeded | failed | refused | abandoned
  method VARCHAR(16) NOT NULL,            -- infile | insert | sql
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
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
