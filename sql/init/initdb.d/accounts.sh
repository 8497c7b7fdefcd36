# shellcheck shell=bash
# Creates the jobs' accounts, least privilege, on the database's first start (an empty data
# volume). The mysql image's docker-entrypoint.sh sources *.sh files of
# /docker-entrypoint-initdb.d after creating MYSQL_DATABASE; sourced (this file is not
# executable on purpose) it can use the entrypoint's docker_process_sql.
#
#   ROLLCALL_LOADER_USER, ROLLCALL_LOADER_PASSWORD_FILE  the loader (and sql/loader.sql):
#     write the job's tables: SELECT, INSERT, UPDATE, DELETE; CREATE (CREATE TABLE ... LIKE,
#     RENAME TABLE), DROP (old and staging tables, RENAME TABLE), ALTER (RENAME TABLE, ADD
#     FOREIGN KEY), INDEX, REFERENCES (a foreign key on places); CREATE ROUTINE, EXECUTE
#     (sql/loader.sql's procedure that stops a run with SIGNAL). GET_LOCK and LOAD DATA
#     LOCAL INFILE need no privilege.
#   ROLLCALL_READER_USER, ROLLCALL_READER_PASSWORD_FILE  the reader: SELECT only.
# The lists are REQUIRED_PRIVILEGES in packages/shared/src/privileges.ts (a test holds this
# file to it); the jobs check them at start.
# Both only on MYSQL_DATABASE; passwords from files (the stack's secrets volumes).

rollcall_sql_string() {
  # A value as a quoted SQL string literal: backslashes and quotes doubled/escaped.
  local value=${1//\\/\\\\}
  printf "'%s'" "${value//\'/\'\'}"
}

rollcall_create_accounts() {
  local database=${MYSQL_DATABASE:?MYSQL_DATABASE must name the job database}
  local loader_user=${ROLLCALL_LOADER_USER:?} reader_user=${ROLLCALL_READER_USER:?}
  local loader_password reader_password
  loader_password=$(< "${ROLLCALL_LOADER_PASSWORD_FILE:?}")
  reader_password=$(< "${ROLLCALL_READER_PASSWORD_FILE:?}")
  # In GRANT, _ and % in a database name are wildcards: escape them as the entrypoint does.
  local grant_db=${database//_/\\_}
  grant_db=\`${grant_db//%/\\%}\`

  mysql_note "rollcall: creating accounts ${loader_user} (writes ${database}) and ${reader_user} (reads it)"
  docker_process_sql --database=mysql <<-EOSQL
	CREATE USER $(rollcall_sql_string "$loader_user")@'%' IDENTIFIED BY $(rollcall_sql_string "$loader_password");
	GRANT SELECT, INSERT, UPDATE, DELETE, CREATE, DROP, ALTER, INDEX, REFERENCES, CREATE ROUTINE, EXECUTE ON ${grant_db}.* TO $(rollcall_sql_string "$loader_user")@'%';
	CREATE USER $(rollcall_sql_string "$reader_user")@'%' IDENTIFIED BY $(rollcall_sql_string "$reader_password");
	GRANT SELECT ON ${grant_db}.* TO $(rollcall_sql_string "$reader_user")@'%';
	EOSQL
}

rollcall_create_accounts
