export * from './server.ts';
export * from './test-database.ts';
