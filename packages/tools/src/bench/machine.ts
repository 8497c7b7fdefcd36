import { availableParallelism, cpus, loadavg, release, totalmem, type } from 'node:os';
import type { Knex } from '@rollcall/shared';

/** Where the numbers come from: enough to tell whether two runs can be compared. */
export interface MachineFacts {
  date: string;
  cores: number;
  cpuModel: string;
  memoryGiB: number;
  os: string;
  node: string;
  server: {
    version: string;
    innodbBufferPoolMiB: number;
    /** 1 flushes the log at every commit: what the one-INSERT-per-row baseline pays for. */
    innodbFlushLogAtTrxCommit: number;
    localInfile: boolean;
  };
  /** The 1-minute load average at the start: others' work on a shared machine shows here. */
  loadAverage: number;
}

export async function machineFacts(db: Knex): Promise<MachineFacts> {
  const [rows] = (await db.raw(
    'SELECT VERSION() AS version, @@innodb_buffer_pool_size AS pool, @@innodb_flush_log_at_trx_commit AS flush, @@local_infile AS local_infile',
  )) as [Array<{ version: string; pool: number | string; flush: number | string; local_infile: number | string }>];
  const server = rows[0]!;
  return {
    date: new Date().toISOString(),
    cores: availableParallelism(),
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    memoryGiB: Number((totalmem() / 2 ** 30).toFixed(1)),
    os: `${type()} ${release()}`,
    node: process.version,
    server: {
      version: server.version,
      innodbBufferPoolMiB: Math.round(Number(server.pool) / 2 ** 20),
      innodbFlushLogAtTrxCommit: Number(server.flush),
      localInfile: Number(server.local_infile) === 1,
    },
    loadAverage: Number(loadavg()[0]!.toFixed(2)),
  };
}
