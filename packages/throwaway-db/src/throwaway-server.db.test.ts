import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Knex } from '@rollcall/shared';
import { startThrowawayServer, throwawayServerAvailable, type ThrowawayServer } from './throwaway-server.ts';

// In CI the MariaDB binaries are always there, so a missing one fails instead of skipping.
describe.skipIf(!throwawayServerAvailable() && !process.env.CI)('throwaway server', () => {
  let server: ThrowawayServer;
  let db: Knex;
  beforeAll(async () => {
    server = await startThrowawayServer({ serverArgs: ['--local-infile=0'] });
    db = createDb(server.config, { poolMax: 1 });
  });
  afterAll(async () => {
    await db?.destroy();
    await server?.dispose();
  });

  it('accepts its own account over TCP on 127.0.0.1, in its own database', async () => {
    const [[row]] = await db.raw('SELECT CURRENT_USER() AS user, DATABASE() AS db, @@port AS port');
    expect(row).toEqual({ user: `${server.user}@%`, db: server.database, port: server.port });
    expect(server.env).toMatchObject({
      MYSQL_HOST: '127.0.0.1',
      MYSQL_PORT: String(server.port),
      MYSQL_PASSWORD: server.password,
    });
  });

  it('passes extra server flags to mariadbd', async () => {
    const [[row]] = await db.raw('SELECT @@local_infile AS localInfile');
    expect(row.localInfile).toBe(0);
  });

  it('refuses root over TCP, so only the password account reaches it', async () => {
    const root = createDb({ ...server.config, user: 'root', password: '', database: '' }, { poolMax: 1 });
    try {
      await expect(root.raw('SELECT 1')).rejects.toMatchObject({ code: 'ER_ACCESS_DENIED_ERROR' });
    } finally {
      await root.destroy();
    }
  });

  it('keeps a committed row when killed and restarted on the same port', async () => {
    await db.raw('CREATE TABLE kept (id INT PRIMARY KEY, note VARCHAR(20)) ENGINE=InnoDB');
    await db('kept').insert({ id: 1, note: 'committed' });

    await server.kill();
    expect(server.running).toBe(false);
    await expect(db.raw('SELECT 1')).rejects.toThrow();

    await server.restart();
    expect(server.running).toBe(true);
    expect(await db('kept').select()).toEqual([{ id: 1, note: 'committed' }]);
  });

  it('restarts after a clean stop too', async () => {
    await server.stop();
    expect(server.running).toBe(false);
    await server.restart();
    const [[row]] = await db.raw('SELECT COUNT(*) AS n FROM kept');
    expect(row.n).toBe(1);
  });

  it('is killed and its folder removed when the test process dies without disposing it', async () => {
    // A worker killed mid-test runs neither afterAll nor 'exit' handlers: the watchdog must act.
    const script = [
      `import { startThrowawayServer } from ${JSON.stringify(new URL('./throwaway-server.ts', import.meta.url).href)};`,
      'const server = await startThrowawayServer();',
      'console.log(JSON.stringify({ pid: server.pid, dir: server.dir }));',
      "process.kill(process.pid, 'SIGKILL');",
    ].join('\n');
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    const orphan = JSON.parse(child.stdout) as { pid: number; dir: string };
    expect(child.signal).toBe('SIGKILL');

    await expect.poll(() => isProcessAlive(orphan.pid), { timeout: 5_000 }).toBe(false);
    await expect.poll(() => existsSync(orphan.dir), { timeout: 5_000 }).toBe(false);
  });

  it('removes its process and folder on dispose, and tolerates a second dispose', async () => {
    const other = await startThrowawayServer();
    const pid = other.pid!;
    expect(existsSync(other.dir)).toBe(true);
    await other.dispose();
    await other.dispose();
    expect(other.running).toBe(false);
    expect(isProcessAlive(pid)).toBe(false);
    expect(existsSync(other.dir)).toBe(false);
  });
});

/** Alive and not a zombie: an orphan's exit status waits for init, which may reap it late. */
function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0] !== 'Z';
  } catch {
    return true;
  }
}
