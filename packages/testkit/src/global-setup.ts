import type { TestProject } from 'vitest/node';
import { provideDatabase } from '@rollcall/throwaway-db';
import { serverFromEnv } from './server.ts';
import type { TestServer } from './server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    testServer: TestServer;
  }
}

/**
 * Uses the server named by MYSQL_* when set (CI, a developer's own server); otherwise one
 * throwaway server for the whole run, as `npm start` gets it: the machine's MariaDB binaries,
 * else a MySQL container. Its account may create databases and users, as the tests need.
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | void> {
  const fromEnv = serverFromEnv(process.env);
  if (fromEnv) {
    project.provide('testServer', fromEnv);
    return;
  }
  const server = await provideDatabase();
  console.log(`database tests: MYSQL_HOST is not set, so they run on ${server.description}`);
  project.provide('testServer', { host: server.host, port: server.port, user: server.user, password: server.password });
  return () => server.dispose();
}
