import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '@rollcall/testkit';
import { findServerCpu } from './server-cpu.ts';

describe("finding the server's CPU time", () => {
  const t = useTestDatabase('server_cpu');

  // The test server runs on this machine (MYSQL_HOST is local in development and CI).
  it('reads the local server process, whose CPU time grows while it works', async () => {
    const cpu = await findServerCpu(t.db, t.env.MYSQL_HOST!);
    if (!cpu.available) throw new Error(`expected the local server's CPU time: ${cpu.reason}`);
    const before = cpu.read();
    await t.db.raw('SELECT BENCHMARK(300000, SHA2(RAND(), 256))');
    expect(cpu.read()).toBeGreaterThan(before);
  });

  // Root may read every process's descriptors, so it finds the server exactly, whatever the
  // clock did since the server started (CI machines are restored from snapshots).
  it.runIf(process.getuid?.() === 0)(
    'finds the server by the socket on its port when it may read descriptors',
    async () => {
      const cpu = await findServerCpu(t.db, t.env.MYSQL_HOST!);
      expect(cpu).toMatchObject({ available: true, foundBy: 'listening socket' });
    },
  );

  it('says why it cannot read a server that is not on this machine', async () => {
    const cpu = await findServerCpu(t.db, 'db.example.invalid');
    expect(cpu).toEqual({ available: false, reason: 'the server at db.example.invalid is not on this machine' });
  });
});
