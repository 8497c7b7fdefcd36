import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { captureLog, createTestDatabase, freePort, startTcpProxy, type TcpProxy, type TestDatabase } from '@rollcall/testkit';
import { createDb, waitForDatabase, type Knex } from './db.ts';
import type { DatabaseConfig } from './env.ts';
import { RollcallError } from './errors.ts';

/** Runs waitForDatabase on `config` with a captured logger; returns the outcome and the log. */
async function wait(config: DatabaseConfig) {
  const captured = captureLog('debug', 'db-wait-test');
  const db: Knex = createDb(config, { poolMax: 1 });
  const started = Date.now();
  try {
    const error = await waitForDatabase(db, config, captured.log).then(() => undefined, (err: unknown) => err);
    // As runJob reports a failure: the line a person reads, which must not leak the password either.
    if (error instanceof RollcallError) captured.log.error({ code: error.code, ...error.context }, error.message);
    return { error, ms: Date.now() - started, captured, retries: captured.lines.filter((l) => l.msg === 'database not ready, retrying') };
  } finally {
    await db.destroy();
  }
}

describe('waitForDatabase', () => {
  let t: TestDatabase;
  let proxy: TcpProxy | undefined;
  beforeAll(async () => {
    t = await createTestDatabase('db_wait');
  });
  afterEach(async () => {
    await proxy?.close();
    proxy = undefined;
  });
  afterAll(async () => t?.drop());

  it('waits for a database that starts listening late, logging one line per failed attempt', async () => {
    proxy = await startTcpProxy({ targetHost: t.config.host, targetPort: t.config.port, listenAfterMs: 1_500 });
    const { error, ms, captured, retries } = await wait({ ...t.config, host: proxy.host, port: proxy.port, waitTimeoutS: 15 });

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

  it('fails within DB_WAIT_TIMEOUT_S, naming host and port, when nothing ever listens', async () => {
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

  it('retries an unknown host name, then fails the same way', async () => {
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

  it('fails at once on a wrong password, without retrying and without logging it', async () => {
    const password = 'wrong-Pa55word-never-logged';
    const { error, captured, retries } = await wait({ ...t.config, password, waitTimeoutS: 10 });

    expect(error).toMatchObject({ code: 'DB_ACCESS_DENIED', context: { host: t.config.host, port: t.config.port } });
    expect((error as Error).message).toContain(`${t.config.host}:${t.config.port}`);
    expect(retries).toEqual([]);
    expect(captured.lines).toHaveLength(1);
    expect(captured.text()).not.toContain(password);
    expect((error as Error).message).not.toContain(password);
  });
});
