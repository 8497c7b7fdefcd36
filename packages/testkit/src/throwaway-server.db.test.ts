import { existsSync } from 'node:fs';
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
    expect(server.env).toMatchObject({ MYSQL_HOST: '127.0.0.1', MYSQL_PORT: String(server.port), MYSQL_PASSWORD: server.password });
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

  it('removes its process and folder on dispose, and tolerates a second dispose', async () => {
    const other = await startThrowawayServer();
    expect(existsSync(other.dir)).toBe(true);
    await other.dispose();
    await other.dispose();
    expect(other.running).toBe(false);
    expect(existsSync(other.dir)).toBe(false);
  });
});
