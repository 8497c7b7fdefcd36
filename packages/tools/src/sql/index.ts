// What other packages' tests use of the SQL loader tooling: find the mysql client and run a script with it.
export { findMysqlClient, runSqlFile } from './mysql-client.ts';
