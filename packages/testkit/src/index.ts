export * from './server.ts';
export * from './test-database.ts';
export * from './capture-log.ts';
export * from './tcp-proxy.ts';
// Throwaway servers live in their own package (npm start uses them too); tests get them here.
export {
  freePort,
  startThrowawayServer,
  throwawayServerAvailable,
  type ThrowawayServer,
  type ThrowawayServerOptions,
} from '@rollcall/throwaway-db';
export * from './unprivileged.ts';
export * from './dead-pid.ts';
export * from './run-in-terminal.ts';
export { galeraAvailable, startGaleraCluster, type GaleraCluster } from '@rollcall/throwaway-db';
export * from './release-0-1.ts';
export * from './needs-tool.ts';
export * from './job.ts';
export * from './wait-for.ts';
export * from './tls-certificates.ts';
export * from './statements.ts';
export * from './table-names.ts';
export * from './people-counts.ts';
