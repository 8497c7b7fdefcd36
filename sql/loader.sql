-- rollcall: the pure-SQL loader, an alternative to the TypeScript loader (npm run load).
--
--   cd data/raw && mysql --local-infile=1 -h HOST -u USER -p DATABASE < ../../sql/loader.sql
--
-- (MariaDB's `mariadb` client the same way.) It reads places.csv and people.csv from the
-- client's current folder with LOAD DATA LOCAL INFILE, so the server must allow it
-- (local_infile=ON; MySQL 8 ships it OFF). It checks every row with the TypeScript loader's
-- rules, builds places_next/people_next with the same ids (1..N in file order), records the
-- run in load_runs (method 'sql') and swaps the tables in under the TypeScript loader's load
-- lock. When it stops on a problem, the client prints the reason and exits non-zero, and the
-- previous data stays as it was. The reject limit is @max_reject_ratio (default 0.01), e.g.
-- mysql --init-command="SET @max_reject_ratio = 0.05" ...
--
-- Plain statements (no temporary tables), so that it runs unchanged on MySQL 8.4 and
-- MariaDB 10.11 with the loader's own account, and one small stored procedure: a condition
-- that must stop the script is raised with SIGNAL by rollcall_stop_if (see "How a run stops").
-- Its work tables are named load_sql_*; the schema section is sql/schema.sql, embedded by
-- packages/tools/src/sql/main.ts (a test fails when the two differ).

SET NAMES utf8mb4;
-- Not strict while rows are checked: a bad value must become a rejected row, never an error
-- (strict mode turns conversion warnings into errors). Strict again for the final inserts.
SET SESSION sql_mode = 'NO_ENGINE_SUBSTITUTION';
SET @max_reject_ratio = COALESCE(@max_reject_ratio, 0.01);

-- >>> sql/schema.sql (embedded verbatim; edit sql/schema.sql, then run packages/tools/src/sql/main.ts)
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
-- <<< sql/schema.sql

-- ---------------------------------------------------------------------------------------
-- How a run stops: rollcall_stop_if(@problem) does nothing while @problem is NULL, else
-- raises it as the client's error, `ERROR 1644 (45000) at line N: <the reason>`, and the
-- client stops reading this file. SIGNAL runs only inside a stored program on MySQL (and
-- cannot be prepared), hence a procedure; MySQL 8.4 keeps MESSAGE_TEXT to 128 characters,
-- so a longer reason is cut there (it is printed whole just before, and kept in load_runs).
-- It stays in the database for the next run: IF NOT EXISTS, as a load running meanwhile
-- may be using it. Needs CREATE ROUTINE (and EXECUTE, had another account created it).
DELIMITER //
CREATE PROCEDURE IF NOT EXISTS rollcall_stop_if(problem TEXT)
  SQL SECURITY INVOKER
  COMMENT 'sql/loader.sql: ends a run with its reason as the error'
BEGIN
  DECLARE message VARCHAR(128) DEFAULT IF(CHAR_LENGTH(problem) > 128, CONCAT(LEFT(problem, 127), '…'), problem);
  IF problem IS NOT NULL THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = message;
  END IF;
END//
DELIMITER ;

-- ---------------------------------------------------------------------------------------
-- The load lock: one load per database at a time, the very lock of the TypeScript loader
-- (packages/loader/src/load-lock.ts). It is held by this session until the client exits.
SET @lock_name = CONCAT('rollcall.load.', SHA1(DATABASE()));
SET @problem = IF(GET_LOCK(@lock_name, 0) = 1, NULL,
  CONCAT('another load into database ', DATABASE(), ' is running (server connection ',
         COALESCE(IS_USED_LOCK(@lock_name), 'unknown'), '); wait for it to finish and run again'));

-- stop here if @problem is set: print it, then end the run with it as the error.
SELECT @problem AS `loader.sql stopped` FROM DUAL WHERE @problem IS NOT NULL;
CALL rollcall_stop_if(@problem);

-- Runs still 'running' while we hold the lock belong to loaders that died.
UPDATE load_runs
SET status = 'abandoned', finished_at = UTC_TIMESTAMP(3), message = 'the loader stopped without finishing'
WHERE status = 'running';

INSERT INTO load_runs (started_at, status, method, places_file, people_file)
VALUES (UTC_TIMESTAMP(3), 'running', 'sql', 'places.csv', 'people.csv');
SET @run_id = LAST_INSERT_ID();

-- ---------------------------------------------------------------------------------------
-- Raw records. Fields are read as bytes (CHARACTER SET binary), so that invalid UTF-8 can
-- be told apart instead of being replaced; ESCAPED BY '' because CSV has no backslash
-- escapes; IGNORE so that an over-long field is cut (and rejected later), never an error.
-- A line ends in LF or CRLF: LOAD DATA takes one terminator, and with LF a quoted last
-- field followed by CR would be misread, so each file is read both ways and the way its
-- first line ends decides. The CRLF reading of an LF file is a single record, so little
-- is wasted. Twelve columns: a header may have up to 11, so one more field is still seen.
-- `line` counts records from 1 (the header); it is the physical line number as long as no
-- quoted field spans lines.
DROP TABLE IF EXISTS load_sql_places_raw, load_sql_places_crlf, load_sql_people_raw, load_sql_people_crlf,
  load_sql_required, load_sql_header, load_sql_places, load_sql_places_later, load_sql_people;

CREATE TABLE load_sql_places_raw (
  line INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  f1 VARBINARY(2048), f2 VARBINARY(2048), f3 VARBINARY(2048), f4 VARBINARY(2048),
  f5 VARBINARY(2048), f6 VARBINARY(2048), f7 VARBINARY(2048), f8 VARBINARY(2048),
  f9 VARBINARY(2048), f10 VARBINARY(2048), f11 VARBINARY(2048), f12 VARBINARY(2048)
) ENGINE=InnoDB;
CREATE TABLE load_sql_places_crlf LIKE load_sql_places_raw;
CREATE TABLE load_sql_people_raw LIKE load_sql_places_raw;
CREATE TABLE load_sql_people_crlf LIKE load_sql_places_raw;

LOAD DATA LOCAL INFILE 'places.csv' IGNORE INTO TABLE load_sql_places_raw CHARACTER SET binary
  FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '"' ESCAPED BY '' LINES TERMINATED BY '\n'
  (f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12);
LOAD DATA LOCAL INFILE 'places.csv' IGNORE INTO TABLE load_sql_places_crlf CHARACTER SET binary
  FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '"' ESCAPED BY '' LINES TERMINATED BY '\r\n'
  (f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12);
LOAD DATA LOCAL INFILE 'people.csv' IGNORE INTO TABLE load_sql_people_raw CHARACTER SET binary
  FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '"' ESCAPED BY '' LINES TERMINATED BY '\n'
  (f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12);
LOAD DATA LOCAL INFILE 'people.csv' IGNORE INTO TABLE load_sql_people_crlf CHARACTER SET binary
  FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '"' ESCAPED BY '' LINES TERMINATED BY '\r\n'
  (f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12);

-- CRLF when the last field of the first LF-terminated line ends in CR.
SET @places_crlf = COALESCE((
  SELECT RIGHT(COALESCE(f12, f11, f10, f9, f8, f7, f6, f5, f4, f3, f2, f1), 1) = 0x0D
  FROM load_sql_places_raw ORDER BY line LIMIT 1), 0);
DELETE FROM load_sql_places_raw WHERE @places_crlf = 1;
INSERT INTO load_sql_places_raw SELECT * FROM load_sql_places_crlf WHERE @places_crlf = 1;
DROP TABLE load_sql_places_crlf;

SET @people_crlf = COALESCE((
  SELECT RIGHT(COALESCE(f12, f11, f10, f9, f8, f7, f6, f5, f4, f3, f2, f1), 1) = 0x0D
  FROM load_sql_people_raw ORDER BY line LIMIT 1), 0);
DELETE FROM load_sql_people_raw WHERE @people_crlf = 1;
INSERT INTO load_sql_people_raw SELECT * FROM load_sql_people_crlf WHERE @people_crlf = 1;
DROP TABLE load_sql_people_crlf;

-- ---------------------------------------------------------------------------------------
-- Headers: the required columns by name, in any order (packages/loader/src/header.ts).
-- Names are compared after trimming spaces, tabs and CR; a UTF-8 BOM before the first is
-- dropped. A field missing from a record reads as NULL, so the width is the count of
-- non-NULL fields.
CREATE TABLE load_sql_required (
  file VARCHAR(16) NOT NULL, ord TINYINT UNSIGNED NOT NULL, name VARBINARY(32) NOT NULL,
  PRIMARY KEY (file, ord)
) ENGINE=InnoDB;
INSERT INTO load_sql_required (file, ord, name) VALUES
  ('places.csv', 1, 'city'), ('places.csv', 2, 'county'), ('places.csv', 3, 'country'),
  ('people.csv', 1, 'given_name'), ('people.csv', 2, 'family_name'),
  ('people.csv', 3, 'date_of_birth'), ('people.csv', 4, 'place_of_birth');

CREATE TABLE load_sql_header (
  file VARCHAR(16) NOT NULL, pos TINYINT UNSIGNED NOT NULL, name VARBINARY(2048) NOT NULL,
  PRIMARY KEY (file, pos)
) ENGINE=InnoDB;
SET @places_header = (SELECT MIN(line) FROM load_sql_places_raw);
SET @people_header = (SELECT MIN(line) FROM load_sql_people_raw);
INSERT INTO load_sql_header (file, pos, name)
SELECT h.file, n.pos, ELT(n.pos, h.f1, h.f2, h.f3, h.f4, h.f5, h.f6, h.f7, h.f8, h.f9, h.f10, h.f11, h.f12)
FROM (
  SELECT 'places.csv' AS file, r.* FROM load_sql_places_raw r WHERE r.line = @places_header
  UNION ALL
  SELECT 'people.csv' AS file, r.* FROM load_sql_people_raw r WHERE r.line = @people_header
) AS h
JOIN (SELECT 1 AS pos UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5
      UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9 UNION ALL SELECT 10
      UNION ALL SELECT 11 UNION ALL SELECT 12) AS n
WHERE ELT(n.pos, h.f1, h.f2, h.f3, h.f4, h.f5, h.f6, h.f7, h.f8, h.f9, h.f10, h.f11, h.f12) IS NOT NULL;
UPDATE load_sql_header SET name = SUBSTRING(name, 4) WHERE pos = 1 AND LEFT(name, 3) = 0xEFBBBF;
UPDATE load_sql_header SET name = TRIM(TRIM(BOTH 0x09 FROM TRIM(BOTH 0x0D FROM TRIM(name))));

SET @places_width = (SELECT COUNT(*) FROM load_sql_header WHERE file = 'places.csv');
SET @people_width = (SELECT COUNT(*) FROM load_sql_header WHERE file = 'people.csv');
SET @places_city = (SELECT MIN(pos) FROM load_sql_header WHERE file = 'places.csv' AND name = 'city');
SET @places_county = (SELECT MIN(pos) FROM load_sql_header WHERE file = 'places.csv' AND name = 'county');
SET @places_country = (SELECT MIN(pos) FROM load_sql_header WHERE file = 'places.csv' AND name = 'country');
SET @people_given = (SELECT MIN(pos) FROM load_sql_header WHERE file = 'people.csv' AND name = 'given_name');
SET @people_family = (SELECT MIN(pos) FROM load_sql_header WHERE file = 'people.csv' AND name = 'family_name');
SET @people_date = (SELECT MIN(pos) FROM load_sql_header WHERE file = 'people.csv' AND name = 'date_of_birth');
SET @people_place = (SELECT MIN(pos) FROM load_sql_header WHERE file = 'people.csv' AND name = 'place_of_birth');

-- The first header problem, places.csv before people.csv, worded as header.ts words it.
SET @problem = (
  SELECT CONCAT(f.file, CASE
    WHEN f.width = 0 THEN ': the file is empty; expected a header line and data rows'
    WHEN f.width > 11 THEN CONCAT(' line 1: the header has ', f.width, ' columns; loader.sql reads at most 11')
    WHEN f.duplicated IS NOT NULL THEN CONCAT(' line 1: column ', f.duplicated, ' appears more than once in the header')
    ELSE CONCAT(' line 1: header lacks required column', IF(f.missing LIKE '%,%', 's ', ' '), REPLACE(f.missing, ',', ', '),
                '; expected ', f.expected, ' (any order), found ', COALESCE(f.found, 'nothing'))
  END)
  FROM (
    SELECT r.file, MIN(r.ord) AS ord,
      (SELECT COUNT(*) FROM load_sql_header h WHERE h.file = r.file) AS width,
      (SELECT GROUP_CONCAT(DISTINCT d.name ORDER BY d.name) FROM load_sql_header d
        WHERE d.file = r.file AND d.name IN (SELECT q.name FROM load_sql_required q WHERE q.file = r.file)
          AND EXISTS (SELECT 1 FROM load_sql_header e WHERE e.file = d.file AND e.name = d.name AND e.pos <> d.pos)) AS duplicated,
      GROUP_CONCAT(CASE WHEN NOT EXISTS (SELECT 1 FROM load_sql_header h WHERE h.file = r.file AND h.name = r.name)
                        THEN r.name END ORDER BY r.ord) AS missing,
      GROUP_CONCAT(r.name ORDER BY r.ord) AS expected,
      (SELECT GROUP_CONCAT(h.name ORDER BY h.pos) FROM load_sql_header h WHERE h.file = r.file) AS found
    FROM load_sql_required r
    GROUP BY r.file
  ) AS f
  WHERE f.width = 0 OR f.width > 11 OR f.duplicated IS NOT NULL OR f.missing IS NOT NULL
  ORDER BY f.file = 'people.csv', f.ord
  LIMIT 1);
SET @problem_status = 'failed';

-- stop here if @problem is set: record the run as failed, drop the work tables, print the
-- reason, then end the run with it as the error.
UPDATE load_runs SET status = @problem_status, finished_at = UTC_TIMESTAMP(3), message = @problem
WHERE id = @run_id AND @problem IS NOT NULL;
SET @step = IF(@problem IS NULL, 'DO 0',
  'DROP TABLE IF EXISTS load_sql_places_raw, load_sql_people_raw, load_sql_required, load_sql_header');
PREPARE step FROM @step;
EXECUTE step;
DEALLOCATE PREPARE step;
SELECT @problem AS `loader.sql stopped` FROM DUAL WHERE @problem IS NOT NULL;
CALL rollcall_stop_if(@problem);

-- ---------------------------------------------------------------------------------------
-- Row rules (packages/loader/src/to-row.ts), on the raw bytes of the required fields:
--   FIELD_COUNT   the record's width differs from the header's
--   INVALID_UTF8  not valid UTF-8: overlong forms, surrogates and code points above
--                 U+10FFFF included. Checked on HEX() against a pattern of byte pairs, so
--                 it is the same on every server (they differ in what they accept).
--                 The fields are joined by LF, so a sequence cannot span two fields.
--   CONTROL_CHAR  a byte 00-08, 0B, 0C, 0E-1F or 7F (never part of a multi-byte character)
--   EMPTY_FIELD   nothing but spaces, tabs, CR and LF
--   TOO_LONG      more than 100 characters (VARCHAR(100))
-- Blank lines are skipped, as the TypeScript loader skips them.
CREATE TABLE load_sql_places (
  line INT UNSIGNED NOT NULL PRIMARY KEY,
  problem VARCHAR(16) NULL,
  city VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL,
  county VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL,
  country VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL
) ENGINE=InnoDB;

INSERT INTO load_sql_places (line, problem, city, county, country)
SELECT line, problem,
  CASE WHEN problem IS NULL THEN CONVERT(city USING utf8mb4) END,
  CASE WHEN problem IS NULL THEN CONVERT(county USING utf8mb4) END,
  CASE WHEN problem IS NULL THEN CONVERT(country USING utf8mb4) END
FROM (
  SELECT line, city, county, country,
    CASE
      WHEN width <> @places_width THEN 'FIELD_COUNT'
      WHEN HEX(CONCAT_WS(0x0A, city, county, country)) NOT REGEXP
        '^([0-7][0-9A-F]|(C[2-9A-F]|D[0-9A-F])[89AB][0-9A-F]|E0[AB][0-9A-F][89AB][0-9A-F]|E[1-9A-CEF][89AB][0-9A-F][89AB][0-9A-F]|ED[89][0-9A-F][89AB][0-9A-F]|F0[9AB][0-9A-F][89AB][0-9A-F][89AB][0-9A-F]|F[1-3][89AB][0-9A-F][89AB][0-9A-F][89AB][0-9A-F]|F48[0-9A-F][89AB][0-9A-F][89AB][0-9A-F])*$'
        THEN 'INVALID_UTF8'
      WHEN HEX(CONCAT_WS(0x0A, city, county, country)) REGEXP '^([0-9A-F][0-9A-F])*(0[0-8BCEF]|1[0-9A-F]|7F)'
        THEN 'CONTROL_CHAR'
      WHEN TRIM(REPLACE(REPLACE(REPLACE(city, 0x09, ''), 0x0A, ''), 0x0D, '')) = ''
        OR TRIM(REPLACE(REPLACE(REPLACE(county, 0x09, ''), 0x0A, ''), 0x0D, '')) = ''
        OR TRIM(REPLACE(REPLACE(REPLACE(country, 0x09, ''), 0x0A, ''), 0x0D, '')) = '' THEN 'EMPTY_FIELD'
      WHEN CHAR_LENGTH(CONVERT(city USING utf8mb4)) > 100 OR CHAR_LENGTH(CONVERT(county USING utf8mb4)) > 100
        OR CHAR_LENGTH(CONVERT(country USING utf8mb4)) > 100 THEN 'TOO_LONG'
    END AS problem
  FROM (
    SELECT line,
      ELT(@places_city, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12) AS city,
      ELT(@places_county, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12) AS county,
      ELT(@places_country, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12) AS country,
      (f1 IS NOT NULL) + (f2 IS NOT NULL) + (f3 IS NOT NULL) + (f4 IS NOT NULL) + (f5 IS NOT NULL)
        + (f6 IS NOT NULL) + (f7 IS NOT NULL) + (f8 IS NOT NULL) + (f9 IS NOT NULL) + (f10 IS NOT NULL)
        + (f11 IS NOT NULL) + (f12 IS NOT NULL) AS width
    FROM load_sql_places_raw
    WHERE line > @places_header AND NOT (f1 = '' AND f2 IS NULL)
  ) AS fields
) AS checked;

-- The first valid row of a city is the place; a later row of the same city is a duplicate
-- (dropped, counted) when county and country agree, else rejected (place-index.ts). Cities
-- compare as the unique index compares them: utf8mb4_bin, trailing spaces not counted.
CREATE TABLE load_sql_places_later (line INT UNSIGNED NOT NULL PRIMARY KEY, problem VARCHAR(16) NOT NULL) ENGINE=InnoDB;
INSERT INTO load_sql_places_later (line, problem)
SELECT line, IF(county = first_county AND country = first_country, 'duplicate', 'PLACE_CONFLICT')
FROM (
  SELECT line, county, country,
    ROW_NUMBER() OVER (PARTITION BY city ORDER BY line) AS nth,
    FIRST_VALUE(county) OVER (PARTITION BY city ORDER BY line) AS first_county,
    FIRST_VALUE(country) OVER (PARTITION BY city ORDER BY line) AS first_country
  FROM load_sql_places
  WHERE problem IS NULL
) AS ranked
WHERE nth > 1;
UPDATE load_sql_places p JOIN load_sql_places_later l ON l.line = p.line SET p.problem = l.problem;

-- people.csv: the same rules, then date_of_birth a real calendar date as YYYY-MM-DD from
-- year 1000 (calendar-date.ts), then place_of_birth one of the places just accepted.
CREATE TABLE load_sql_people (
  line INT UNSIGNED NOT NULL PRIMARY KEY,
  problem VARCHAR(16) NULL,
  given_name VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL,
  family_name VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL,
  date_of_birth DATE NULL,
  place_of_birth VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL,
  place_id INT UNSIGNED NULL
) ENGINE=InnoDB;

INSERT INTO load_sql_people (line, problem, given_name, family_name, date_of_birth, place_of_birth)
SELECT line, problem,
  CASE WHEN problem IS NULL THEN CONVERT(given_name USING utf8mb4) END,
  CASE WHEN problem IS NULL THEN CONVERT(family_name USING utf8mb4) END,
  CASE WHEN problem IS NULL THEN CONVERT(date_of_birth USING utf8mb4) END,
  CASE WHEN problem IS NULL THEN CONVERT(place_of_birth USING utf8mb4) END
FROM (
  SELECT line, given_name, family_name, date_of_birth, place_of_birth,
    CASE
      WHEN width <> @people_width THEN 'FIELD_COUNT'
      WHEN HEX(CONCAT_WS(0x0A, given_name, family_name, date_of_birth, place_of_birth)) NOT REGEXP
        '^([0-7][0-9A-F]|(C[2-9A-F]|D[0-9A-F])[89AB][0-9A-F]|E0[AB][0-9A-F][89AB][0-9A-F]|E[1-9A-CEF][89AB][0-9A-F][89AB][0-9A-F]|ED[89][0-9A-F][89AB][0-9A-F]|F0[9AB][0-9A-F][89AB][0-9A-F][89AB][0-9A-F]|F[1-3][89AB][0-9A-F][89AB][0-9A-F][89AB][0-9A-F]|F48[0-9A-F][89AB][0-9A-F][89AB][0-9A-F])*$'
        THEN 'INVALID_UTF8'
      WHEN HEX(CONCAT_WS(0x0A, given_name, family_name, date_of_birth, place_of_birth)) REGEXP '^([0-9A-F][0-9A-F])*(0[0-8BCEF]|1[0-9A-F]|7F)'
        THEN 'CONTROL_CHAR'
      WHEN TRIM(REPLACE(REPLACE(REPLACE(given_name, 0x09, ''), 0x0A, ''), 0x0D, '')) = ''
        OR TRIM(REPLACE(REPLACE(REPLACE(family_name, 0x09, ''), 0x0A, ''), 0x0D, '')) = ''
        OR TRIM(REPLACE(REPLACE(REPLACE(date_of_birth, 0x09, ''), 0x0A, ''), 0x0D, '')) = ''
        OR TRIM(REPLACE(REPLACE(REPLACE(place_of_birth, 0x09, ''), 0x0A, ''), 0x0D, '')) = '' THEN 'EMPTY_FIELD'
      WHEN CHAR_LENGTH(CONVERT(given_name USING utf8mb4)) > 100 OR CHAR_LENGTH(CONVERT(family_name USING utf8mb4)) > 100
        OR CHAR_LENGTH(CONVERT(date_of_birth USING utf8mb4)) > 100
        OR CHAR_LENGTH(CONVERT(place_of_birth USING utf8mb4)) > 100 THEN 'TOO_LONG'
      WHEN NOT (HEX(date_of_birth) REGEXP '^3[0-9]3[0-9]3[0-9]3[0-9]2D3[0-9]3[0-9]2D3[0-9]3[0-9]$'
        AND CAST(SUBSTRING(date_of_birth, 1, 4) AS UNSIGNED) >= 1000
        AND CAST(SUBSTRING(date_of_birth, 6, 2) AS UNSIGNED) BETWEEN 1 AND 12
        AND CAST(SUBSTRING(date_of_birth, 9, 2) AS UNSIGNED) BETWEEN 1 AND DAY(LAST_DAY(
          MAKEDATE(CAST(SUBSTRING(date_of_birth, 1, 4) AS UNSIGNED), 1)
          + INTERVAL (CAST(SUBSTRING(date_of_birth, 6, 2) AS UNSIGNED) - 1) MONTH))) THEN 'BAD_DATE'
    END AS problem
  FROM (
    SELECT line,
      ELT(@people_given, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12) AS given_name,
      ELT(@people_family, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12) AS family_name,
      ELT(@people_date, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12) AS date_of_birth,
      ELT(@people_place, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12) AS place_of_birth,
      (f1 IS NOT NULL) + (f2 IS NOT NULL) + (f3 IS NOT NULL) + (f4 IS NOT NULL) + (f5 IS NOT NULL)
        + (f6 IS NOT NULL) + (f7 IS NOT NULL) + (f8 IS NOT NULL) + (f9 IS NOT NULL) + (f10 IS NOT NULL)
        + (f11 IS NOT NULL) + (f12 IS NOT NULL) AS width
    FROM load_sql_people_raw
    WHERE line > @people_header AND NOT (f1 = '' AND f2 IS NULL)
  ) AS fields
) AS checked;

-- ---------------------------------------------------------------------------------------
-- Staging, exactly as packages/loader/src/staging.ts prepares it. LIKE copies no foreign
-- key; left unnamed, the one added here is renamed with the table by the swap.
SET SESSION sql_mode = 'STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION';
DROP TABLE IF EXISTS people_next, places_next, people_old, places_old;
CREATE TABLE places_next LIKE places;
CREATE TABLE people_next LIKE people;
ALTER TABLE people_next ADD FOREIGN KEY (place_id) REFERENCES places_next (id);

-- Places: ids 1..N in file order of the accepted rows.
INSERT INTO places_next (id, city, county, country)
SELECT ROW_NUMBER() OVER (ORDER BY line), city, county, country
FROM load_sql_places
WHERE problem IS NULL;

-- People: the place resolved through the unique index on places_next.city; ids 1..M in
-- file order of the accepted rows.
UPDATE load_sql_people r LEFT JOIN places_next p ON p.city = r.place_of_birth
SET r.place_id = p.id, r.problem = IF(p.id IS NULL, 'UNKNOWN_PLACE', NULL)
WHERE r.problem IS NULL;

INSERT INTO people_next (id, given_name, family_name, date_of_birth, place_id)
SELECT ROW_NUMBER() OVER (ORDER BY line), given_name, family_name, date_of_birth, place_id
FROM load_sql_people
WHERE problem IS NULL;

-- ---------------------------------------------------------------------------------------
-- Counts: loaded + rejected + duplicates = read, per file. SET @v = (SELECT …), not
-- SELECT … INTO @v, which TiDB and Vitess do not support.
SET @places_read = (SELECT COUNT(*) FROM load_sql_places);
SET @places_loaded = (SELECT CAST(COALESCE(SUM(problem IS NULL), 0) AS UNSIGNED) FROM load_sql_places);
SET @places_duplicates = (SELECT CAST(COALESCE(SUM(problem = 'duplicate'), 0) AS UNSIGNED) FROM load_sql_places);
SET @places_rejected = (SELECT CAST(COALESCE(SUM(problem IS NOT NULL AND problem <> 'duplicate'), 0) AS UNSIGNED) FROM load_sql_places);
SET @people_read = (SELECT COUNT(*) FROM load_sql_people);
SET @people_loaded = (SELECT CAST(COALESCE(SUM(problem IS NULL), 0) AS UNSIGNED) FROM load_sql_people);
SET @people_rejected = (SELECT CAST(COALESCE(SUM(problem IS NOT NULL), 0) AS UNSIGNED) FROM load_sql_people);

UPDATE load_runs SET
  places_read = @places_read, places_loaded = @places_loaded, places_rejected = @places_rejected,
  places_duplicates = @places_duplicates,
  people_read = @people_read, people_loaded = @people_loaded, people_rejected = @people_rejected,
  rows_read = @places_read + @people_read, rows_loaded = @places_loaded + @people_loaded,
  rows_rejected = @places_rejected + @people_rejected
WHERE id = @run_id;

-- What was rejected, by reason: there is no reject file on this path. first_line is the
-- first record with that reason (its physical line while no quoted field spans lines).
SELECT file, reason, `rows`, first_line FROM (
  SELECT 'places.csv' AS file, problem AS reason, COUNT(*) AS `rows`, MIN(line) AS first_line
  FROM load_sql_places WHERE problem IS NOT NULL AND problem <> 'duplicate' GROUP BY problem
  UNION ALL
  SELECT 'people.csv', problem, COUNT(*), MIN(line)
  FROM load_sql_people WHERE problem IS NOT NULL GROUP BY problem
) AS rejects
ORDER BY file = 'people.csv', first_line;

-- No data rows, or more rejects than @max_reject_ratio: the load is refused whole
-- (load.ts, refuseIfTooManyRejects), places.csv before people.csv.
SET @problem = CASE
  WHEN @places_read = 0 THEN 'places.csv: no data rows after the header; expected at least one row of city,county,country'
  WHEN @people_read = 0 THEN 'people.csv: no data rows after the header; expected at least one row of given_name,family_name,date_of_birth,place_of_birth'
  WHEN @places_rejected / @places_read > @max_reject_ratio THEN
    CONCAT('places.csv: ', @places_rejected, ' of ', @places_read, ' rows rejected (',
           FORMAT(100 * @places_rejected / @places_read, 2), '%), more than max_reject_ratio=', @max_reject_ratio,
           '; load refused, the previous data is unchanged')
  WHEN @people_rejected / @people_read > @max_reject_ratio THEN
    CONCAT('people.csv: ', @people_rejected, ' of ', @people_read, ' rows rejected (',
           FORMAT(100 * @people_rejected / @people_read, 2), '%), more than max_reject_ratio=', @max_reject_ratio,
           '; load refused, the previous data is unchanged')
END;
SET @problem_status = IF(@places_read = 0 OR @people_read = 0, 'failed', 'refused');

-- stop here if @problem is set (as above, and the staging tables go too).
UPDATE load_runs SET status = @problem_status, finished_at = UTC_TIMESTAMP(3), message = @problem
WHERE id = @run_id AND @problem IS NOT NULL;
SET @step = IF(@problem IS NULL, 'DO 0',
  'DROP TABLE IF EXISTS people_next, places_next, load_sql_places_raw, load_sql_people_raw, load_sql_required, load_sql_header, load_sql_places, load_sql_places_later, load_sql_people');
PREPARE step FROM @step;
EXECUTE step;
DEALLOCATE PREPARE step;
SELECT @problem AS `loader.sql stopped` FROM DUAL WHERE @problem IS NOT NULL;
CALL rollcall_stop_if(@problem);

-- ---------------------------------------------------------------------------------------
-- The swap (staging.ts, swapIn): one RENAME TABLE, atomic on both servers, so a reader
-- sees the old snapshot or the new one, never a mix.
RENAME TABLE places TO places_old, places_next TO places, people TO people_old, people_next TO people;
DROP TABLE people_old, places_old;

UPDATE load_runs SET status = 'succeeded', finished_at = UTC_TIMESTAMP(3) WHERE id = @run_id;

DROP TABLE load_sql_places_raw, load_sql_people_raw, load_sql_required, load_sql_header,
  load_sql_places, load_sql_places_later, load_sql_people;
DO RELEASE_LOCK(@lock_name);

SELECT 'places.csv' AS file, @places_read AS `read`, @places_loaded AS loaded, @places_rejected AS rejected,
       @places_duplicates AS duplicates
UNION ALL
SELECT 'people.csv', @people_read, @people_loaded, @people_rejected, 0;
