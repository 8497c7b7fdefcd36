import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '@rollcall/shared';
import { galeraAvailable, startGaleraCluster, type GaleraCluster } from './galera-cluster.ts';

// Never skipped in CI: .ci/galera-tools.sh installs galera-4 and rsync.
describe.skipIf(!galeraAvailable() && !process.env.CI)('a 3-node Galera cluster on this machine', () => {
  let cluster: GaleraCluster;
  beforeAll(async () => {
    cluster = await startGaleraCluster();
  }, 240_000);
  afterAll(async () => {
    await cluster?.dispose();
  });

  it('replicates a row written through one node to the others, and keeps serving with a node killed', async () => {
    const [one, two, three] = cluster.nodes.map((node) => createDb(node.config, { poolMax: 1 }));
    try {
      await one!.raw('CREATE TABLE probe (id INT PRIMARY KEY, v VARCHAR(10))');
      await one!.raw("INSERT INTO probe VALUES (1, 'één')");
      // Galera is synchronous: the commit returned once every node certified the write set.
      expect(await two!('probe').select('v')).toEqual([{ v: 'één' }]);
      expect(await three!('probe').select('v')).toEqual([{ v: 'één' }]);

      await cluster.nodes[2]!.kill('SIGKILL');
      await cluster.waitForSize(2);
      await two!.raw("INSERT INTO probe VALUES (2, 'twee')");
      expect(await one!('probe').count({ n: '*' })).toEqual([{ n: 2 }]);
    } finally {
      await Promise.all([one, two, three].map((db) => db!.destroy()));
    }
  });
});
