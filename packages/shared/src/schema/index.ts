export { MIGRATIONS, SCHEMA_VERSION, versionOf, type Migration } from './migrations.ts';
export { appliedMigrations, migrateToLatest, MIGRATIONS_TABLE, refuseUnknownMigrations } from './migrate.ts';
export {
  createLoadRunsTable,
  createPeopleCountsTable,
  createPeopleTable,
  createPlacesTable,
  currentSchemaTables,
} from './tables.ts';
