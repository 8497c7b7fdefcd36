export * from './server.ts';
export * from './test-database.ts';
export * from './capture-log.ts';
