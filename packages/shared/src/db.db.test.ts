import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '@rollcall/testkit';
import { createDb } from './db.ts';

describe('createDb', () => {
  const t = useTestDatabase('db');

  it("sends nothing of its own on a new connection: the job's first statement is the first the server gets", async () => {
    const db = createDb(t.config, { poolMax: 1 });
    try {
      const [[row]] = await db.raw("SHOW SESSION STATUS LIKE 'Questions'");
      expect(row.Value).toBe('1');
    } finally {
      await db.destroy();
    }
  });
});
