#!/usr/bin/env bash
# Creates (or resets) a TCP account for the tests: each test file creates and drops its
# own database, and the reader tests create a SELECT-only account, hence the grants.
set -euo pipefail
user="$1" password="$2"
mariadb -uroot <<SQL
CREATE USER IF NOT EXISTS '${user}'@'127.0.0.1' IDENTIFIED BY '${password}';
CREATE USER IF NOT EXISTS '${user}'@'localhost' IDENTIFIED BY '${password}';
ALTER USER '${user}'@'127.0.0.1' IDENTIFIED BY '${password}';
ALTER USER '${user}'@'localhost' IDENTIFIED BY '${password}';
GRANT ALL PRIVILEGES ON *.* TO '${user}'@'127.0.0.1' WITH GRANT OPTION;
GRANT ALL PRIVILEGES ON *.* TO '${user}'@'localhost' WITH GRANT OPTION;
CREATE DATABASE IF NOT EXISTS rollcall CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
SQL
