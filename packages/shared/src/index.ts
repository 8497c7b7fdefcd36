export * from './errors.ts';
export * from './env.ts';
export * from './log.ts';
export * from './db.ts';
export * from './db-errors.ts';
export * from './wait-for-database.ts';
export * from './run-job.ts';
export * from './schema/index.ts';
