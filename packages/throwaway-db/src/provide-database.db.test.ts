import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '@rollcall/shared';
import { findMariaDb } from './mariadb-binaries.ts';
import { provideDatabase, type ProvidedDatabase } from './provide-database.ts';

// In CI the MariaDB binaries are always there, so a missing one fails instead of skipping.
describe.skipIf(!findMariaDb() && !process.env.CI)(
  'a provided database, where MariaDB server binaries are installed',
  () => {
    let provided: ProvidedDatabase;
    beforeAll(async () => {
      provided = await provideDatabase({ database: 'rollcall_provided' });
    });
    afterAll(() => provided?.dispose());

    it("is the machine's MariaDB, in a temporary folder", () => {
      expect(provided.description).toContain(findMariaDb()!.mariadbd);
      expect(provided.env).toMatchObject({
        MYSQL_HOST: '127.0.0.1',
        MYSQL_PORT: String(provided.port),
        MYSQL_DATABASE: 'rollcall_provided',
      });
    });

    it('has an account that may create databases and users, as the tests need', async () => {
      const db = createDb({ ...provided, sslMode: 'preferred', waitTimeoutS: 10 }, { poolMax: 1 });
      try {
        await db.raw('CREATE DATABASE provided_check');
        await db.raw("CREATE USER 'provided_check'@'%' IDENTIFIED BY 'x'");
        await db.raw("GRANT SELECT ON provided_check.* TO 'provided_check'@'%'");
        const [rows] = await db.raw('SELECT DATABASE() AS db');
        expect(rows[0].db).toBe('rollcall_provided');
      } finally {
        await db.destroy();
      }
    });

    it('is gone, folder and all, once disposed', async () => {
      const dir = /in (\S+)$/.exec(provided.description)![1]!;
      expect(existsSync(dir)).toBe(true);
      await provided.dispose();
      expect(existsSync(dir)).toBe(false);
    });
  },
);
