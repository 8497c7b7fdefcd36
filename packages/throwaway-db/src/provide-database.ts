import { RollcallError } from '@rollcall/shared';
import { findMariaDb } from './mariadb-binaries.ts';
import { containerRuntimeAvailable, startMysqlContainer } from './mysql-container.ts';
import type { ServerAccount } from './server-account.ts';
import { startThrowawayServer } from './throwaway-server.ts';

/** A server that exists for one run, with an account that may create databases and users. */
export interface ProvidedDatabase extends ServerAccount {
  /** What was started, for people: 'MariaDB … from /usr/sbin/mariadbd in /tmp/…', 'a mysql:8.4 container (…)'. */
  description: string;
  /** The MYSQL_* environment that points a job at it. */
  env: Record<string, string>;
  /** Stops the server and removes its data; safe to call twice. */
  dispose(): Promise<void>;
}

export const NO_SERVER_MESSAGE = [
  'No database to run against. Any one of these three will do:',
  '  1. set MYSQL_HOST, MYSQL_USER, MYSQL_PASSWORD and MYSQL_DATABASE for a MySQL 8 or MariaDB 10.11+ server you have (README: "Your own server");',
  '  2. install a MariaDB server (as root: apt-get install mariadb-server), whose binaries rollcall starts in a temporary folder;',
  '  3. start Docker, where rollcall runs a throwaway mysql:8.4 container.',
].join('\n');

/**
 * A throwaway server: the machine's MariaDB server binaries in a temporary folder on a free
 * port first (a second or so, no daemon needed), else a MySQL container where a Docker engine
 * answers. Throws DB_UNAVAILABLE naming the three ways out where neither is possible.
 */
export async function provideDatabase(options: { database?: string } = {}): Promise<ProvidedDatabase> {
  const database = options.database ?? 'rollcall';
  const bin = findMariaDb();
  if (bin) {
    const server = await startThrowawayServer({ database });
    const version = /Ver (\S+)/.exec(bin.version)?.[1] ?? 'unknown version';
    return {
      ...pick(server),
      description: `the MariaDB server ${bin.mariadbd} (${version}) in ${server.dir}`,
      env: server.env,
      dispose: () => server.dispose(),
    };
  }
  if (await containerRuntimeAvailable()) {
    const container = await startMysqlContainer(database);
    let stopped: Promise<void> | undefined;
    return {
      ...pick(container),
      description: container.description,
      env: {
        MYSQL_HOST: container.host,
        MYSQL_PORT: String(container.port),
        MYSQL_USER: container.user,
        MYSQL_PASSWORD: container.password,
        MYSQL_DATABASE: database,
      },
      dispose: () => (stopped ??= container.stop()),
    };
  }
  throw new RollcallError('DB_UNAVAILABLE', NO_SERVER_MESSAGE);
}

function pick(server: ServerAccount): ServerAccount {
  const { host, port, user, password, database } = server;
  return { host, port, user, password, database };
}
