import { execFile } from 'node:child_process';
import { createServer, type Server, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, it } from 'vitest';
import { captureLog, freePort, startTcpProxy, type TcpProxy, useTestDatabase } from '@rollcall/testkit';
import { createDb, type Knex } from './db.ts';
import { waitForDatabase } from './wait-for-database.ts';
import type { DatabaseConfig } from './env.ts';
import { RollcallError } from './errors.ts';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** Runs waitForDatabase on `config` with a captured logger; returns the outcome and the log. */
async function wait(config: DatabaseConfig, afterWait = () => {}) {
  const captured = captureLog('debug', 'db-wait-test');
  const db: Knex = createDb(config, { poolMax: 1 });
  const started = Date.now();
  try {
    const error = await waitForDatabase(db, config, captured.log).then(
      () => undefined,
      (err: unknown) => err,
    );
    // As runJob reports a failure: the line a person reads, which must not leak the password either.
    if (error instanceof RollcallError) captured.log.error({ code: error.code, ...error.context }, error.message);
    const ms = Date.now() - started;
    afterWait();
    return { error, ms, captured, retries: captured.lines.filter((l) => l.msg === 'database not ready, retrying') };
  } finally {
    await db.destroy();
  }
}

// Concurrent: each test has its own port or proxy and mostly waits on timers, so the file
// takes as long as its slowest test (≈ 2 s) instead of their sum.
describe.concurrent('waitForDatabase', () => {
  const t = useTestDatabase('db_wait');
  const proxies: TcpProxy[] = [];
  afterAll(async () => {
    await Promise.all(proxies.map((proxy) => proxy.close()));
  });

  it('resolves to who the server takes the session for, which the privilege check then reads', async ({ expect }) => {
    const db = createDb(t.config, { poolMax: 1 });
    try {
      const identity = await waitForDatabase(db, t.config, captureLog().log);
      expect(identity.user.slice(0, identity.user.lastIndexOf('@'))).toBe(t.config.user);
      expect(identity.version).toMatch(/^\d+\.\d+\.\d+/);
    } finally {
      await db.destroy();
    }
  });

  it('waits for a database that starts listening late, logging one line per failed attempt', async ({ expect }) => {
    const proxy = await startTcpProxy({ targetHost: t.config.host, targetPort: t.config.port, listenAfterMs: 1_500 });
    proxies.push(proxy);
    const { error, ms, captured, retries } = await wait({
      ...t.config,
      host: proxy.host,
      port: proxy.port,
      waitTimeoutS: 15,
    });

    expect(error).toBeUndefined();
    expect(ms).toBeGreaterThanOrEqual(1_400);
    expect(retries.length).toBeGreaterThanOrEqual(2);
    expect(retries.map((l) => l.attempt)).toEqual(retries.map((_, i) => i + 1));
    for (const line of retries) {
      expect(line).toMatchObject({ level: 40, code: 'ECONNREFUSED', host: proxy.host, port: proxy.port });
    }
    expect(captured.lines.at(-1)).toMatchObject({ msg: 'database is ready', attempt: retries.length + 1 });
    expect(captured.text()).not.toContain(t.config.password);
  });

  it('fails within DB_WAIT_TIMEOUT_S, naming host and port, when nothing ever listens', async ({ expect }) => {
    const port = await freePort();
    const { error, ms, captured, retries } = await wait({ ...t.config, port, waitTimeoutS: 2 });

    expect(error).toBeInstanceOf(RollcallError);
    expect(error).toMatchObject({ code: 'DB_UNAVAILABLE', context: { host: t.config.host, port } });
    expect((error as Error).message).toContain(`${t.config.host}:${port}`);
    expect(ms).toBeGreaterThanOrEqual(1_900);
    expect(ms).toBeLessThan(3_000);
    expect(retries.length).toBeGreaterThanOrEqual(2);
    expect(retries.every((l) => l.code === 'ECONNREFUSED')).toBe(true);
    expect(captured.text()).not.toContain(t.config.password);
  });

  it('retries an unknown host name, then fails the same way', async ({ expect }) => {
    const host = 'no-such-host.invalid';
    const { error, ms, captured, retries } = await wait({ ...t.config, host, waitTimeoutS: 2 });

    expect(error).toMatchObject({ code: 'DB_UNAVAILABLE', context: { host, port: t.config.port } });
    expect((error as Error).message).toContain(`${host}:${t.config.port}`);
    expect(ms).toBeLessThan(3_000);
    expect(retries.length).toBeGreaterThanOrEqual(2);
    // ENOTFOUND where DNS answers "no such name"; EAI_AGAIN where no resolver answers at all.
    expect(retries.every((l) => l.code === 'ENOTFOUND' || l.code === 'EAI_AGAIN')).toBe(true);
    expect(captured.text()).not.toContain(t.config.password);
  });

  it('fails at once on a wrong password, without retrying and without logging it', async ({ expect }) => {
    const password = 'wrong-Pa55word-never-logged';
    const { error, captured, retries } = await wait({ ...t.config, password, waitTimeoutS: 10 });

    expect(error).toMatchObject({ code: 'DB_ACCESS_DENIED', context: { host: t.config.host, port: t.config.port } });
    expect((error as Error).message).toContain(`${t.config.host}:${t.config.port}`);
    expect(retries).toEqual([]);
    expect(captured.lines).toHaveLength(1);
    expect(captured.text()).not.toContain(password);
    expect((error as Error).message).not.toContain(password);
  });

  it('gives up at DB_WAIT_TIMEOUT_S even when the server accepts connections but never answers', async ({ expect }) => {
    // A hung or half-started server: TCP connects, the MySQL handshake never comes.
    const accepted: Socket[] = [];
    const silent: Server = createServer((socket) => accepted.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const port = (silent.address() as { port: number }).port;
      // Closing the silent connections lets db.destroy() end the abandoned attempt at once.
      const { error, ms } = await wait({ ...t.config, host: '127.0.0.1', port, waitTimeoutS: 2 }, () => {
        for (const s of accepted) s.destroy();
      });

      expect(error).toMatchObject({ code: 'DB_UNAVAILABLE', context: { port } });
      expect((error as Error).message).toContain(`127.0.0.1:${port}`);
      expect(ms).toBeLessThan(3_000);
    } finally {
      silent.close();
    }
  });

  it('writes nothing but JSON lines to stdout while it retries, one per failed attempt', async ({ expect }) => {
    // The job's real stdout: anything knex prints by itself would show up here, not in captureLog.
    const port = await freePort();
    const config = { ...t.config, port, waitTimeoutS: 1 };
    const script = [
      "import { createDb, createLogger, waitForDatabase } from '@rollcall/shared';",
      'const config = JSON.parse(process.env.WAIT_CONFIG);',
      "const log = createLogger({ level: 'info', job: 'wait', pretty: false });",
      'const db = createDb(config, { poolMax: 1, log });',
      'await waitForDatabase(db, config, log).catch((err) => log.error({ code: err.code }, err.message));',
      'await db.destroy();',
    ].join('\n');
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--conditions=development', '--input-type=module', '-e', script],
      {
        cwd: repoRoot,
        env: { ...process.env, WAIT_CONFIG: JSON.stringify(config) },
      },
    );

    const lines = stdout.trimEnd().split('\n');
    const parsed = lines.map((line): { msg?: string; notJson?: string } => {
      try {
        return JSON.parse(line);
      } catch {
        return { notJson: line };
      }
    });
    expect(parsed.filter((l) => l.notJson !== undefined)).toEqual([]);
    const retries = parsed.filter((l) => l.msg === 'database not ready, retrying');
    expect(retries.length).toBeGreaterThanOrEqual(1);
    expect(parsed).toHaveLength(retries.length + 1);
    expect(stdout).not.toContain(t.config.password);
  });
});
