export * from './errors.ts';
export * from './env.ts';
export * from './log.ts';
export * from './db.ts';
export * from './run-job.ts';
export * from './schema.ts';
export * from './progress.ts';
export * from './progress-figures.ts';
