import { randomBytes } from 'node:crypto';
import type { TestProject } from 'vitest/node';
import { MYSQL_TEST_IMAGE, serverFromEnv, type TestServer } from './server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    testServer: TestServer;
  }
}

/**
 * Uses the server named by MYSQL_* when set (CI, a developer's local MySQL); otherwise
 * starts one MySQL container for the whole run with testcontainers.
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | void> {
  const fromEnv = serverFromEnv(process.env);
  if (fromEnv) {
    project.provide('testServer', fromEnv);
    return;
  }
  const { MySqlContainer } = await import('@testcontainers/mysql');
  const container = await new MySqlContainer(MYSQL_TEST_IMAGE)
    .withRootPassword(randomBytes(12).toString('hex'))
    .withCommand(['--local-infile=1'])
    .start();
  project.provide('testServer', {
    host: container.getHost(),
    port: container.getPort(),
    user: 'root',
    password: container.getRootPassword(),
  });
  return async () => {
    await container.stop();
  };
}
