export * from './server.ts';
export * from './test-database.ts';
export * from './capture-log.ts';
export * from './free-port.ts';
export * from './tcp-proxy.ts';
export * from './throwaway-server.ts';
