import { randomBytes } from 'node:crypto';
import { MYSQL_IMAGE } from './mysql-image.ts';
import type { ServerAccount } from './server-account.ts';

/** Its account is root: tests create databases and accounts. */
export interface MysqlContainer extends ServerAccount {
  /** `mysql:8.4` and its id, for messages. */ description: string;
  stop(): Promise<void>;
}

/** Whether a Docker engine (or another runtime testcontainers knows) answers. */
export async function containerRuntimeAvailable(): Promise<boolean> {
  const { getContainerRuntimeClient } = await import('testcontainers');
  try {
    await getContainerRuntimeClient();
    return true;
  } catch {
    return false;
  }
}

/**
 * A MySQL container for one run, through testcontainers (whose reaper removes it should this
 * process die first). Started like the stack's: LOCAL INFILE on, no binary log.
 */
export async function startMysqlContainer(database: string): Promise<MysqlContainer> {
  const { MySqlContainer } = await import('@testcontainers/mysql');
  const container = await new MySqlContainer(MYSQL_IMAGE)
    .withRootPassword(randomBytes(12).toString('hex'))
    .withDatabase(database)
    .withCommand(['--local-infile=1', '--disable-log-bin'])
    .start();
  return {
    host: container.getHost(),
    port: container.getPort(),
    user: 'root',
    password: container.getRootPassword(),
    database,
    description: `a ${MYSQL_IMAGE} container (${container.getId().slice(0, 12)})`,
    async stop() {
      await container.stop();
    },
  };
}
