import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createDb } from '@rollcall/shared';
import { freePort } from './free-port.ts';
import { findMariaDb } from './mariadb-binaries.ts';
import { startThrowawayServer, type ThrowawayServer } from './throwaway-server.ts';

/** Where Debian's galera-4 package puts the provider. */
export const GALERA_PROVIDER = '/usr/lib/galera/libgalera_smm.so';

export interface GaleraCluster {
  /** Node 1 bootstrapped the cluster; restart() only nodes 2 and 3 (node 1's flags would start a new cluster). */
  nodes: ThrowawayServer[];
  /** Resolves once every running node counts `size` members and is ready; throws past `timeoutMs`. */
  waitForSize(size: number, timeoutMs?: number): Promise<void>;
  /** Kills every node and removes their folders; safe to call twice. */
  dispose(): Promise<void>;
}

/**
 * Whether this machine can start a Galera cluster: MariaDB's server binaries, the galera-4
 * provider and rsync (the state transfer) are installed. CI installs them (.ci/galera-tools.sh).
 */
export function galeraAvailable(): boolean {
  return (
    findMariaDb() !== undefined &&
    existsSync(GALERA_PROVIDER) &&
    ['/usr/bin/rsync', '/bin/rsync'].some((path) => existsSync(path))
  );
}

/**
 * A 3-node MariaDB Galera cluster on 127.0.0.1: three throwaway servers with their own
 * ports and data folders, joined by the galera-4 provider, the joiners receiving the data
 * by rsync. Node 1 bootstraps (--wsrep-new-cluster); nodes 2 and 3 join one after the other
 * (one donor serves one state transfer at a time). Resolves when all three count three
 * members and are ready. Call in beforeAll and dispose() in afterAll.
 */
export async function startGaleraCluster(
  options: { size?: number; startTimeoutMs?: number } = {},
): Promise<GaleraCluster> {
  if (!galeraAvailable()) {
    throw new Error(
      `Cannot start a Galera cluster: it needs mariadbd, ${GALERA_PROVIDER} and rsync; install them (apt-get install mariadb-server galera-4 rsync)`,
    );
  }
  const size = options.size ?? 3;
  const startTimeoutMs = options.startTimeoutMs ?? 90_000;
  const password = randomBytes(12).toString('hex');
  // Galera's group port, its incremental-transfer port and the rsync port of each node.
  const ports: { group: number; ist: number; sst: number }[] = [];
  for (let i = 0; i < size; i++) ports.push({ group: await freePort(), ist: await freePort(), sst: await freePort() });
  const members = ports.map((p) => `127.0.0.1:${p.group}`).join(',');

  const argsFor = (i: number) => [
    '--wsrep-on=ON',
    `--wsrep-provider=${GALERA_PROVIDER}`,
    '--wsrep-cluster-name=rollcall-test',
    `--wsrep-cluster-address=gcomm://${members}`,
    `--wsrep-node-name=node${i + 1}`,
    '--wsrep-node-address=127.0.0.1',
    `--wsrep-provider-options=base_host=127.0.0.1;base_port=${ports[i]!.group};gmcast.listen_addr=tcp://127.0.0.1:${ports[i]!.group};ist.recv_addr=127.0.0.1:${ports[i]!.ist};gcache.size=64M`,
    '--wsrep-sst-method=rsync',
    `--wsrep-sst-receive-address=127.0.0.1:${ports[i]!.sst}`,
    // Galera's requirements (MariaDB "Galera Cluster System Requirements").
    '--binlog-format=ROW',
    '--default-storage-engine=InnoDB',
    '--innodb-autoinc-lock-mode=2',
    ...(i === 0 ? ['--wsrep-new-cluster'] : []),
  ];

  const nodes: ThrowawayServer[] = [];
  const dispose = async () => {
    // Joiners first, so none of them starts a state transfer from a donor going away.
    for (const node of [...nodes].reverse()) await node.dispose();
  };
  const cluster: GaleraCluster = {
    nodes,
    dispose,
    async waitForSize(expected, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      for (const node of nodes.filter((n) => n.running)) {
        const db = createDb(node.config, { poolMax: 1 });
        try {
          for (;;) {
            const state = await wsrepState(db).catch((err: Error) => ({ size: 0, ready: `error: ${err.message}` }));
            if (state.size === expected && state.ready === 'ON') break;
            if (Date.now() > deadline) {
              throw new Error(
                `Galera node on port ${node.port} counts ${state.size} members (ready: ${state.ready}), not ${expected}, after ${timeoutMs} ms; its log:\n${node.log().split('\n').slice(-20).join('\n')}`,
              );
            }
            await new Promise((resolve) => setTimeout(resolve, 250));
          }
        } finally {
          await db.destroy();
        }
      }
    },
  };
  try {
    for (let i = 0; i < size; i++) {
      nodes.push(await startThrowawayServer({ password, serverArgs: argsFor(i), startTimeoutMs, osUser: 'mysql' }));
    }
    await cluster.waitForSize(size, startTimeoutMs);
  } catch (err) {
    await dispose();
    throw err;
  }
  return cluster;
}

async function wsrepState(db: ReturnType<typeof createDb>): Promise<{ size: number; ready: string }> {
  const [rows] = await db.raw("SHOW GLOBAL STATUS WHERE Variable_name IN ('wsrep_cluster_size', 'wsrep_ready')");
  const status = Object.fromEntries(
    (rows as { Variable_name: string; Value: string }[]).map((r) => [r.Variable_name, r.Value]),
  );
  return { size: Number(status.wsrep_cluster_size ?? 0), ready: status.wsrep_ready ?? 'OFF' };
}
