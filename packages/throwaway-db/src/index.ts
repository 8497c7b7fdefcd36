export * from './provide-database.ts';
export * from './throwaway-server.ts';
export * from './free-port.ts';
export * from './mysql-image.ts';
export * from './mysql-container.ts';
export * from './server-account.ts';
export * from './galera-cluster.ts';
