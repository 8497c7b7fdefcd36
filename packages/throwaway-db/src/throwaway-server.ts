import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { constants as fsConstants } from 'node:fs';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseConfig } from '@rollcall/shared';
import { freePort } from './free-port.ts';
import { findMariaDb } from './mariadb-binaries.ts';
import { isAlive, killAndWait, readLog, startWatchdog, waitReady } from './mariadb-process.ts';
import { STORAGE_ARGS, templateDataDir, USER_ARGS } from './mariadb-template.ts';

export interface ThrowawayServerOptions {
  /** Extra mariadbd flags, e.g. ['--local-infile=0']; kept across restarts. */
  serverArgs?: string[];
  /** The database created for the test account (default 'rollcall'). */
  database?: string;
  /** The TCP account, granted ALL WITH GRANT OPTION (default 'rollcall_test'). */
  user?: string;
  /**
   * The system account mariadbd runs as, when the tests run as root (default root). Galera's
   * rsync state transfer needs another: its rsync daemon, started as root, drops to 'nobody'.
   */
  osUser?: string;
  /** The test account's password (default: random); the nodes of a cluster share one. */
  password?: string;
  /** How long a start or restart may take before it is an error (default 30 s). */
  startTimeoutMs?: number;
}

export interface ThrowawayServer {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
  /** The Unix socket, where root logs in without a password. */
  socket: string;
  /** The temporary folder: data/, error.log, the socket and pid file. Removed by dispose(). */
  dir: string;
  /** A DatabaseConfig as the jobs would read it from `env`. */
  config: DatabaseConfig;
  /** The MYSQL_* environment that points a job at this server. */
  env: Record<string, string>;
  readonly running: boolean;
  /** The mariadbd process id while it runs. */
  readonly pid: number | undefined;
  /** Sends `signal` (default SIGKILL: a crash) and waits for the exit; SIGSTOP/SIGCONT return at once. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** SIGSTOP: the server keeps its connections open but answers nothing (a hung database). */
  pause(): void;
  resume(): void;
  /** Clean shutdown (SIGTERM), waiting for the exit. */
  stop(): Promise<void>;
  /** Starts again on the same data directory and port (stopping it first if it runs). */
  restart(): Promise<void>;
  /** Kills the server and removes its folder; safe to call twice. */
  dispose(): Promise<void>;
  /** The server's error log, for failure messages. */
  log(): string;
}

/** Whether this machine can start a throwaway server (MariaDB 10.5+ binaries installed). */
export function throwawayServerAvailable(): boolean {
  return findMariaDb() !== undefined;
}

/**
 * A private MariaDB server for one test, on a free port of 127.0.0.1 with its own data in a
 * temporary folder, so a test can kill and restart it without disturbing any other test.
 * Call in beforeAll and dispose() in afterAll.
 */
export async function startThrowawayServer(options: ThrowawayServerOptions = {}): Promise<ThrowawayServer> {
  const bin = findMariaDb();
  if (!bin) {
    throw new Error(
      'Cannot start a throwaway server: mariadbd and mariadb-install-db (MariaDB 10.5+) were not found on PATH or in /usr/sbin; install the MariaDB server package (apt-get install mariadb-server)',
    );
  }
  const user = options.user ?? 'rollcall_test';
  const database = options.database ?? 'rollcall';
  if (!/^\w+$/.test(user) || !/^\w+$/.test(database)) throw new Error('user and database must be word characters only');
  const password = options.password ?? randomBytes(12).toString('hex');
  const startTimeoutMs = options.startTimeoutMs ?? 30_000;

  const template = await templateDataDir(bin);
  const dir = await mkdtemp(join(tmpdir(), 'rollcall-mariadb-'));
  const watchdog = startWatchdog(dir);
  const logFile = join(dir, 'error.log');
  const socket = join(dir, 'mysqld.sock');
  const initFile = join(dir, 'init.sql');
  let child: ChildProcess | undefined;
  let port = 0;

  const argsFor = (first: boolean) => [
    '--no-defaults',
    `--datadir=${join(dir, 'data')}`,
    `--tmpdir=${join(dir, 'tmp')}`,
    `--socket=${socket}`,
    `--pid-file=${join(dir, 'mysqld.pid')}`,
    `--log-error=${logFile}`,
    `--port=${port}`,
    '--bind-address=127.0.0.1',
    '--skip-name-resolve',
    // ibtmp1 is rewritten at every start; 1M instead of 12M saves ≈ 50 ms per start.
    '--innodb-temp-data-file-path=ibtmp1:1M:autoextend',
    ...(options.osUser && USER_ARGS.length > 0 ? [`--user=${options.osUser}`] : USER_ARGS),
    ...STORAGE_ARGS,
    ...(first ? [`--init-file=${initFile}`] : []),
    ...(options.serverArgs ?? []),
  ];

  const launch = async (first: boolean) => {
    const offset = readLog(logFile).length;
    child = spawn(bin.mariadbd, argsFor(first), { stdio: 'ignore' });
    if (child.pid !== undefined) watchdog.watch(child.pid);
    await waitReady(child, logFile, offset, startTimeoutMs);
  };

  try {
    await cp(template, join(dir, 'data'), { recursive: true, mode: fsConstants.COPYFILE_FICLONE });
    await mkdir(join(dir, 'tmp'));
    // Runs inside the server before it accepts connections; one statement per line.
    await writeFile(
      initFile,
      [
        `CREATE USER IF NOT EXISTS '${user}'@'%' IDENTIFIED BY '${password}';`,
        `GRANT ALL ON *.* TO '${user}'@'%' WITH GRANT OPTION;`,
        `CREATE DATABASE IF NOT EXISTS \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;`,
        '',
      ].join('\n'),
      { mode: 0o600 },
    );
    if (options.osUser && USER_ARGS.length > 0) execFileSync('chown', ['-R', options.osUser, dir]);
    // The free port can be taken between choosing and binding it: choose again.
    for (let attempt = 1; ; attempt++) {
      port = await freePort();
      try {
        await launch(true);
        break;
      } catch (err) {
        if (attempt >= 5 || !/Address already in use/.test(readLog(logFile))) throw err;
      }
    }
    await rm(initFile);
  } catch (err) {
    watchdog.cancel();
    if (child) await killAndWait(child, 'SIGKILL');
    await rm(dir, { recursive: true, force: true });
    throw err;
  }

  const env = {
    MYSQL_HOST: '127.0.0.1',
    MYSQL_PORT: String(port),
    MYSQL_USER: user,
    MYSQL_PASSWORD: password,
    MYSQL_DATABASE: database,
    DB_WAIT_TIMEOUT_S: '10',
  };
  let disposed = false;
  const stop = async () => {
    if (!child || !isAlive(child)) return;
    child.kill('SIGCONT');
    await killAndWait(child, 'SIGTERM', 30_000);
  };
  return {
    host: '127.0.0.1',
    port,
    user,
    password,
    database,
    socket,
    dir,
    config: { host: '127.0.0.1', port, user, password, database, sslMode: 'preferred', waitTimeoutS: 10 },
    env,
    get running() {
      return isAlive(child);
    },
    get pid() {
      return child && isAlive(child) ? child.pid : undefined;
    },
    async kill(signal: NodeJS.Signals = 'SIGKILL') {
      if (!child || !isAlive(child)) return;
      if (signal === 'SIGSTOP' || signal === 'SIGCONT') {
        child.kill(signal);
        return;
      }
      await killAndWait(child, signal);
    },
    pause() {
      if (child && isAlive(child)) child.kill('SIGSTOP');
    },
    resume() {
      if (child && isAlive(child)) child.kill('SIGCONT');
    },
    stop,
    async restart() {
      if (disposed) throw new Error('restart() after dispose()');
      await stop();
      await launch(false);
    },
    async dispose() {
      disposed = true;
      watchdog.cancel();
      if (child && isAlive(child)) await killAndWait(child, 'SIGKILL');
      await rm(dir, { recursive: true, force: true });
    },
    log() {
      return readLog(logFile);
    },
  };
}
